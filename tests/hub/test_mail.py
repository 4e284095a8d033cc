"""In development, sent email lands in var/outbox as files a person can open."""

import email

from django.core.mail import EmailMultiAlternatives

from hub.mail import OutboxBackend


def test_each_message_becomes_an_eml_file_with_both_parts(tmp_path, capsys):
    message = EmailMultiAlternatives(
        "Quick question: feedback", "Plain text", "hub@example.com", ["ana@example.com"]
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"

    sent = OutboxBackend(outbox_dir=tmp_path).send_messages([message, message])

    files = sorted(tmp_path.glob("*.eml"))
    assert sent == 2
    assert len(files) == 2
    parsed = email.message_from_bytes(files[0].read_bytes())
    assert parsed["To"] == "ana@example.com"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [p.get_content_type() for p in parsed.walk() if not p.is_multipart()] == [
        "text/plain",
        "text/html",
    ]
    assert (
        "[outbox] ana@example.com · Quick question: feedback" in capsys.readouterr().out
    )
