"""Build the demo hub in the database, safely and repeatably.

Every demo object has a stable key: a page is its slug under its parent, an
image, document or video is its title. What already exists is kept as it is,
so running the loader again creates only what is missing and never overwrites
an editor's changes.
"""

import secrets
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Collection, Page, Site
from wagtailmedia.models import Media

from home.models import HomePage

from . import assets, hub
from .drip import DemoDripResult, demo_drip_ensure, demo_facilitators_ensure
from .leads import LD_LEAD_USERNAME, LD_LEADS_GROUP, demo_ld_leads_ensure
from .live_sessions import demo_live_sessions_ensure
from .managers import demo_manager_conversations_ensure
from .specs import FileSpec, PageSpec, Ref, page_specs_walk, refs_resolve
from .workflow import demo_review_workflow_ensure

ADMIN_USERNAME = "admin"
CREDENTIALS_FILENAME = "demo-admin.txt"


@dataclass
class AdminAccount:
    """The demo's superuser; ``password`` is set only if this run chose it."""

    username: str
    created: bool
    password: str | None = None
    credentials_path: Path | None = None


@dataclass
class DemoHubResult:
    """What a run of the loader created and what it found already there."""

    admin: AdminAccount
    pages_created: list[str] = field(default_factory=list)
    pages_kept: list[str] = field(default_factory=list)
    files_created: list[str] = field(default_factory=list)
    files_kept: list[str] = field(default_factory=list)
    drip: DemoDripResult | None = None


@dataclass
class DemoObjects:
    """The demo's objects by stable key, for resolving ``Ref`` values."""

    image: dict[str, Image] = field(default_factory=dict)
    document: dict[str, Document] = field(default_factory=dict)
    media: dict[str, Media] = field(default_factory=dict)
    page: dict[str, Page] = field(default_factory=dict)

    def get(self, ref: Ref):
        try:
            return getattr(self, ref.kind)[ref.key]
        except KeyError:
            raise LookupError(
                f"The demo refers to the {ref.kind} {ref.key!r}, which it has not "
                "built. Pages may only refer to pages listed before them."
            ) from None


def demo_hub_load(*, admin_password: str | None = None) -> DemoHubResult:
    """Create whatever of the demo hub is missing, in one transaction.

    Then, if this run created the admin user or was given ``admin_password``,
    write the credentials to ``VAR_DIR/demo-admin.txt``.
    """
    with transaction.atomic():
        admin = demo_admin_ensure(password=admin_password)
        user = get_user_model().objects.get(username=admin.username)
        result = DemoHubResult(admin=admin)
        objects = DemoObjects()
        demo_files_ensure(objects=objects, user=user, result=result)
        home, home_created = demo_home_ensure(user=user, result=result)
        demo_pages_ensure(home=home, objects=objects, user=user, result=result)
        if home_created:
            demo_home_publish(home=home, objects=objects, user=user)
        result.drip = demo_drip_ensure()
        demo_facilitators_ensure()
        demo_review_workflow_ensure()
        demo_ld_leads_ensure()
        demo_manager_conversations_ensure()
        demo_live_sessions_ensure(hub_result=result)

    credentials = Path(settings.VAR_DIR) / CREDENTIALS_FILENAME
    if admin.password:
        demo_credentials_write(path=credentials, admin=admin)
    if credentials.exists():
        admin.credentials_path = credentials
    return result


def demo_admin_ensure(*, password: str | None = None) -> AdminAccount:
    """Create the ``admin`` superuser if missing, with a random password.

    An existing admin keeps its password unless ``password`` is given.
    """
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=ADMIN_USERNAME, email="admin@example.com", password=password
        )
        return AdminAccount(username=ADMIN_USERNAME, created=True, password=password)
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    return AdminAccount(username=ADMIN_USERNAME, created=False, password=password)


def demo_credentials_write(*, path: Path, admin: AdminAccount) -> None:
    """Save the admin's login where ``make run`` shows it; only the owner can read it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"Wagtail admin: {admin_url()}  user: {admin.username}  "
        f"password: {admin.password}\n",
        encoding="utf-8",
    )
    path.chmod(0o600)


def admin_url() -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"


def demo_files_ensure(*, objects: DemoObjects, user, result: DemoHubResult) -> None:
    """Images, documents and videos from ``demo/files``, found by title."""
    collection = Collection.get_first_root_node()
    kinds = [
        ("image", Image, [*assets.IMAGES, *assets.screencast_images()]),
        ("document", Document, assets.documents()),
        ("media", Media, assets.videos()),
    ]
    for kind, model, specs in kinds:
        found = getattr(objects, kind)
        for spec in specs:
            instance = model.objects.filter(title=spec.title).order_by("pk").first()
            if instance is None:
                instance = _file_object_create(
                    model=model, spec=spec, collection=collection, user=user
                )
                result.files_created.append(spec.title)
            else:
                result.files_kept.append(spec.title)
            found[spec.title] = instance


def _asset(filename: str) -> ContentFile:
    return ContentFile((assets.ASSETS_DIR / filename).read_bytes(), name=filename)


def _file_object_create(*, model, spec: FileSpec, collection, user):
    extra = dict(spec.extra)
    if "thumbnail" in extra:
        extra["thumbnail"] = _asset(extra["thumbnail"])
    instance = model(
        title=spec.title,
        file=_asset(spec.filename),
        collection=collection,
        uploaded_by_user=user,
        **extra,
    )
    # Size and hash are what the admin's upload view would have stored.
    if isinstance(instance, Image):
        instance._set_image_file_metadata()
    elif isinstance(instance, Document):
        instance._set_document_file_metadata()
    instance.save()
    return instance


def demo_home_ensure(*, user, result: DemoHubResult) -> tuple[HomePage, bool]:
    """The hub's home page as the default site's root.

    A new home page replaces Wagtail's "Welcome" page. It stays a draft until
    ``demo_home_publish``, once the pages it features exist.
    """
    home = HomePage.objects.first()  # there can be only one
    created = home is None
    if created:
        home = _page_build(spec=hub.HOME, objects=DemoObjects(), user=user)
        Page.get_first_root_node().add_child(instance=home)
        log(instance=home, action="wagtail.create", user=user)
        result.pages_created.append(hub.HOME.title)
    else:
        result.pages_kept.append(home.title)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page.specific
        if created or _is_wagtail_welcome_page(old_root):
            site.root_page = home
            site.save()
            if _is_wagtail_welcome_page(old_root):
                old_root.delete()
    return home, created


def _is_wagtail_welcome_page(page: Page) -> bool:
    """The placeholder page a new Wagtail project starts with: a plain, empty Page."""
    return type(page) is Page and page.depth == 2 and page.numchild == 0


def demo_home_publish(*, home: HomePage, objects: DemoObjects, user) -> None:
    """Feature the demo's best pages on a home page this run created, and publish it."""
    home.featured = [
        {"type": "page", "value": objects.get(ref).pk} for ref in hub.FEATURED
    ]
    home.save_revision(user=user).publish(user=user)


def demo_pages_ensure(*, home, objects: DemoObjects, user, result) -> None:
    """Create each demo page that is missing under its parent, and publish it."""
    for path, spec in page_specs_walk(hub.TOPICS):
        parent_path = path.rpartition("/")[0]
        parent = objects.page[parent_path] if parent_path else home
        page = parent.get_children().filter(slug=spec.slug).specific().first()
        if page is None:
            page = _page_build(spec=spec, objects=objects, user=user)
            parent.add_child(instance=page)
            log(instance=page, action="wagtail.create", user=user)
            page.save_revision(user=user).publish(user=user)
            result.pages_created.append(path)
        else:
            result.pages_kept.append(path)
        objects.page[path] = page


def _resolve(ref: Ref, *, objects: DemoObjects, as_pk: bool):
    instance = objects.get(ref)
    return instance.pk if as_pk else instance


def _page_build(*, spec: PageSpec, objects: DemoObjects, user) -> Page:
    """An unsaved, not yet live page with its fields, inline rows and tags."""
    model = spec.model
    values = {}
    for name, value in spec.fields.items():
        # StreamField data stores primary keys; foreign keys take instances.
        as_pk = isinstance(model._meta.get_field(name), StreamField)
        resolve = partial(_resolve, objects=objects, as_pk=as_pk)
        values[name] = refs_resolve(value, resolve=resolve)
    page = model(
        title=spec.title,
        slug=spec.slug,
        show_in_menus=spec.show_in_menus,
        owner=user,
        live=False,
        **values,
    )
    for relation, rows in spec.inlines.items():
        related_model = model._meta.get_field(relation).related_model
        setattr(page, relation, [related_model(**row) for row in rows])
    if spec.tags:
        page.tags.add(*spec.tags)
    return page


def demo_summary(*, result: DemoHubResult) -> str:
    """A few lines for the terminal: what happened and how to log in."""
    admin = result.admin
    lines = [
        f"Demo hub: {len(result.pages_created)} pages created, "
        f"{len(result.pages_kept)} kept; {len(result.files_created)} images, "
        f"documents and videos created, {len(result.files_kept)} kept.",
        f"Site: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/",
    ]
    if result.drip:
        lines.insert(
            1,
            f"Drip: {result.drip.cohorts_created} cohorts and "
            f"{result.drip.learners_created} learners created, "
            f"{result.drip.deliveries_planned} deliveries planned "
            "(see python manage.py drip_plan --cohort london).",
        )
    if admin.password:
        lines.append(
            f"Wagtail admin: {admin_url()}  user: {admin.username}  "
            f"password: {admin.password}"
        )
    else:
        lines.append(
            f"Wagtail admin: {admin_url()}  user: {admin.username} "
            "(already existed; its password was not changed)"
        )
    lines.append(
        f"Analytics and exports: the {LD_LEADS_GROUP!r} group, with "
        f"{LD_LEAD_USERNAME!r} in it (set a password in Settings > Users to "
        "sign in as her)."
    )
    if admin.credentials_path:
        lines.append(f"Credentials: {admin.credentials_path}")
    elif not admin.password:
        lines.append(
            "Its password was set earlier. To choose a new one, run "
            "load_demo_hub --admin-password <password>."
        )
    return "\n".join(lines)
