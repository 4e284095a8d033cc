"""Drip emails as bytes: serialized once, filled in per learner.

Building a MIME message and serializing it costs more than sending it. A
page's email for one cohort differs between learners only in a few places: the
To, Date, Message-ID and List-Unsubscribe headers and the links in the bodies.
So ``WireTemplate`` serializes the message once, with markers for its bodies,
and keeps it as bytes cut around those places (slots). ``WireTemplate.merge``
fills each learner's values in and gives the message as smtplib sends it.

Bodies whose lines all stay within RFC 5322's 998 bytes whatever goes in a slot
are sent ``8bit``; the others (inlined HTML has long lines) as
``quoted-printable`` where every literal run and every value is encoded on its
own and joined with soft line breaks, so a value of any length fills its slot
without re-encoding the rest. Decoded, each body is exactly the text rendered
for that learner; parsed, each header is exactly what Django would have set.
Booster choices stay separate pieces, so any order is put together without a
render of its own.
"""

import re
import uuid
from dataclasses import dataclass
from email import quoprimime
from email.utils import formatdate, make_msgid, parseaddr
from html import escape
from time import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address

from hub.mail import smtp_address

# RFC 5322's limit on a line, CRLF excluded; an 8bit body must keep to it.
LINE_LIMIT = 998
# Longest value a slot of an 8bit body takes (a hub URL is about 150); a
# longer one makes that message go the MIME way instead.
SLOT_LIMIT = 256
# Quoted-printable lines: 76 with the soft break, as RFC 2045 asks.
QP_LINE = 75
CRLF = b"\r\n"
SOFT_BREAK = b"=\r\n"
HEADER_SLOTS = ("To", "Date", "Message-ID", "List-Unsubscribe")
_MARKER = "MERGE-BODY-{}-MARKER"
_TRANSFER_ENCODING = re.compile(rb"Content-Transfer-Encoding: [^\r]*")


class Unmergeable(Exception):
    """A value can't go in its slot as bytes; build the message the MIME way."""


@dataclass(frozen=True)
class BodySource:
    """A rendered body: ``head``, then the ``choices`` (in any order, joined by
    ``separator``), then ``tail``; each may hold stand-ins for slot values."""

    head: str
    choices: tuple[str, ...]
    separator: str
    tail: str
    html: bool  # values are HTML-escaped in it


# A piece of a compiled body: literal bytes, or the name of a slot.
Piece = bytes | str


@dataclass(frozen=True)
class _Part:
    qp: bool
    ascii: bool  # 7bit: its literal text is ASCII (values must be too)
    html: bool
    head: tuple[Piece, ...]
    choices: tuple[tuple[Piece, ...], ...]
    separator: tuple[Piece, ...]
    tail: tuple[Piece, ...]


def _qp_literal(text: str) -> bytes:
    """``text`` quoted-printable, ending with a line break (hard or soft) so
    whatever follows starts a line of its own."""
    if not text:
        return b""
    raw = text.encode().decode("latin-1")  # body_encode takes one char a byte
    encoded = quoprimime.body_encode(raw, maxlinelen=QP_LINE, eol="\r\n").encode()
    return encoded if encoded.endswith(CRLF) else encoded + SOFT_BREAK


def _qp_value(value: str) -> bytes:
    """A slot value quoted-printable (a URL: only ``=`` needs quoting)."""
    if not (value.isascii() and value.isprintable()) or " " in value:
        return _qp_literal(value)
    encoded = value.replace("=", "=3D")
    if len(encoded) <= QP_LINE:
        return encoded.encode() + SOFT_BREAK if encoded else b""
    lines, start = [], 0
    while start < len(encoded):
        end = start + QP_LINE
        # Never cut an =XX escape in two.
        cut = encoded.rfind("=", end - 2, end)
        if cut != -1 and end < len(encoded):
            end = cut
        lines.append(encoded[start:end])
        start = end
    return "=\r\n".join(lines).encode() + SOFT_BREAK


def _pieces(text: str, *, stand_in: re.Pattern, qp: bool) -> tuple[Piece, ...]:
    """``text`` cut into literal bytes (encoded for the body) and slot names."""
    pieces: list[Piece] = []
    for index, chunk in enumerate(stand_in.split(text)):
        if index % 2:
            pieces.append(chunk)
        elif chunk:
            literal = _qp_literal(chunk) if qp else chunk.replace("\n", "\r\n").encode()
            pieces.append(literal)
    return tuple(pieces)


def _fits_8bit(source: BodySource, stand_in: re.Pattern) -> bool:
    text = source.head + "".join(source.choices) + source.separator + source.tail
    for line in text.splitlines():
        slots = len(stand_in.findall(line))
        literal = len(stand_in.sub("", line).encode())
        if literal + slots * SLOT_LIMIT > LINE_LIMIT:
            return False
    return True


def _compile(source: BodySource, stand_in: re.Pattern) -> _Part:
    qp = not _fits_8bit(source, stand_in)

    def pieces(text: str) -> tuple[Piece, ...]:
        return _pieces(text, stand_in=stand_in, qp=qp)

    text = source.head + "".join(source.choices) + source.separator + source.tail
    return _Part(
        qp=qp,
        ascii=text.isascii(),
        html=source.html,
        head=pieces(source.head),
        choices=tuple(pieces(choice) for choice in source.choices),
        separator=pieces(source.separator),
        tail=pieces(source.tail),
    )


def _header_lines(block: bytes) -> list[bytes]:
    """A serialized header block as one item per header, folds kept."""
    lines: list[bytes] = []
    for line in block.split(CRLF):
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1] += CRLF + line
        else:
            lines.append(line)
    return lines


_date_cache: tuple[int, str] = (0, "")


def _date_header() -> str:
    """The Date Django would set, formatted once a second."""
    global _date_cache  # noqa: PLW0603 — a one-entry cache
    second = int(time())
    if _date_cache[0] != second:
        _date_cache = (second, formatdate(localtime=settings.EMAIL_USE_LOCALTIME))
    return _date_cache[1]


@dataclass(frozen=True)
class WireMessage:
    """One learner's message as the bytes smtplib sends, with its envelope."""

    from_email: str
    recipients: list[str]
    data: bytes
    options: tuple[str, ...]
    message_id: str

    def envelope(self) -> tuple[str, list[str], bytes, tuple[str, ...]]:
        return self.from_email, self.recipients, self.data, self.options


class WireTemplate:
    """A message serialized once with slots, merged per learner into bytes."""

    def __init__(
        self,
        *,
        subject: str,
        from_email: str,
        bodies: tuple[BodySource, BodySource],
        stand_in: re.Pattern,
        extra_headers: dict[str, str] | None = None,
    ):
        """``bodies`` are the text and HTML parts; ``stand_in`` finds slot
        stand-ins in them (group 1: the slot's name)."""
        markers = [_MARKER.format(n) for n in range(len(bodies))]
        skeleton = EmailMultiAlternatives(
            subject=subject,
            body=markers[0],
            from_email=from_email,
            to=["merge-to@merge.invalid"],
            headers={
                **(extra_headers or {}),
                "List-Unsubscribe": "merge",
                "Message-ID": "merge",
            },
        )
        skeleton.attach_alternative(markers[1], "text/html")
        encoding = skeleton.encoding or settings.DEFAULT_CHARSET
        self.encoding = encoding
        self.from_email = sanitize_address(from_email, encoding)
        # Message-IDs on the sender's domain, as the sender (sending.py) makes them.
        self.domain = parseaddr(from_email)[1].rpartition("@")[2] or None
        mime = skeleton.message()
        mime.set_boundary(f"=_{uuid.uuid4().hex}")
        data = mime.as_bytes(linesep="\r\n")
        header_block, _, rest = data.partition(CRLF + CRLF)
        self.headers: list[Piece] = []
        for line in _header_lines(header_block):
            name = line.partition(b":")[0].decode()
            self.headers.append(name if name in HEADER_SLOTS else line + CRLF)
        self.parts = [_compile(body, stand_in) for body in bodies]
        # The MIME structure between and around the bodies, as bytes.
        self.frame: list[bytes] = []
        for marker, part in zip(markers, self.parts, strict=True):
            before, _, rest = rest.partition(marker.encode())
            encoding = (
                "quoted-printable" if part.qp else "7bit" if part.ascii else "8bit"
            )
            # The part's own headers follow the last boundary line.
            at = max(before.rfind(b"\n--"), 0)
            before = before[:at] + _TRANSFER_ENCODING.sub(
                f"Content-Transfer-Encoding: {encoding}".encode(), before[at:], count=1
            )
            self.frame.append(before)
        self.frame.append(rest)
        self._layouts: dict[tuple[int, ...], tuple] = {}

    def _layout(
        self, order: tuple[int, ...]
    ) -> tuple[tuple[_Part, tuple[Piece, ...], tuple[str, ...]], ...]:
        """For choices in ``order``: each part's pieces from its frame on
        (adjacent literals joined) and the slots it fills, worked out once."""
        layout = self._layouts.get(order)
        if layout is not None:
            return layout
        parts = []
        for index, part in enumerate(self.parts):
            sequence = [self.frame[index], *part.head]
            for at, choice in enumerate(order):
                if at:
                    sequence.extend(part.separator)
                sequence.extend(part.choices[choice])
            sequence.extend(part.tail)
            pieces: list[Piece] = []
            for piece in sequence:
                if (
                    piece.__class__ is bytes
                    and pieces
                    and pieces[-1].__class__ is bytes
                ):
                    pieces[-1] += piece
                else:
                    pieces.append(piece)
            names = tuple(dict.fromkeys(p for p in pieces if p.__class__ is str))
            parts.append((part, tuple(pieces), names))
        layout = self._layouts[order] = tuple(parts)
        return layout

    def _encoded(self, values: dict[str, str], part: _Part, names) -> dict:
        encoded = {}
        for name in names:
            value = values.get(name)
            if value is None:  # not given: the stand-in stays, as _merge does
                raise Unmergeable(f"No value for {name}.")
            if part.html:
                value = escape(value)  # as django.utils.html.escape, less the wrapper
            if part.qp:
                encoded[name] = _qp_value(value)
            else:
                if len(value) > SLOT_LIMIT or "\n" in value or "\r" in value:
                    raise Unmergeable(f"{name} does not fit an 8bit line.")
                if part.ascii and not value.isascii():
                    raise Unmergeable(f"{name} is not ASCII, its part is 7bit.")
                encoded[name] = value.encode()
        return encoded

    def merge(
        self,
        *,
        to: str,
        values: dict[str, str],
        order: tuple[int, ...],
        list_unsubscribe: str,
        message_id: str = "",
    ) -> WireMessage:
        """The message for one learner: ``values`` by slot name, the choices
        in ``order`` (indexes into the editor's order), the given headers
        (a new Message-ID unless one is given)."""
        message_id = message_id or make_msgid(domain=self.domain)
        to_header, recipient, options = smtp_address(address=to, encoding=self.encoding)
        web, _, mailto = list_unsubscribe.partition(", ")
        header_values = {
            "To": f"To: {to_header}".encode(errors="surrogateescape"),
            "Date": f"Date: {_date_header()}".encode(),
            "Message-ID": f"Message-ID: {message_id}".encode(),
            "List-Unsubscribe": (
                f"List-Unsubscribe: {web},\r\n {mailto}"
                if mailto
                else f"List-Unsubscribe: {web}"
            ).encode(),
        }
        out = []
        for piece in self.headers:
            if piece.__class__ is str:
                out.append(header_values[piece])
                out.append(CRLF)
            else:
                out.append(piece)
        out.append(CRLF)
        for part, pieces, names in self._layout(order):
            encoded = self._encoded(values, part, names) if names else {}
            for piece in pieces:
                out.append(encoded[piece] if piece.__class__ is str else piece)
        out.append(self.frame[-1])
        return WireMessage(
            from_email=self.from_email,
            recipients=[recipient],
            data=b"".join(out),
            options=options,
            message_id=message_id,
        )
