"""The WSGI entry point leaves what it loaded out of full garbage collections."""

from .test_settings import load_production_settings

FREEZE_CODE = (
    "import gc, hub.wsgi; "
    "print(callable(hub.wsgi.application), gc.get_freeze_count() > 10000)"
)


def test_the_server_freezes_the_objects_loaded_at_start_up(tmp_path):
    # A worker's Django, Wagtail and models live as long as it does: frozen,
    # full collections (set off by a render's many short-lived querysets)
    # don't walk them on every request.
    result = load_production_settings(
        code=FREEZE_CODE,
        SECRET_KEY="x" * 50,
        HUB_VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
