"""Draw the demo hub's illustrations and its printable SBI worksheet.

The illustrations are flat, abstract pictures (people talking, speech bubbles,
a checklist, a calendar, a path) for article heroes and image blocks. The
worksheet is a one-page PDF that booster questions link to as a document.

Run it from the repository root when a picture changes::

    .venv/bin/python demo/files/make_images.py

It needs Pillow and the DejaVu fonts. Neither the tests nor ``make run`` call
it: ``load_demo_hub`` uses the committed files it writes here.
"""

import math
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ASSETS_DIR = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Drawn at twice the final size and scaled down, which smooths the edges.
WIDTH, HEIGHT = 1200, 675
SCALE = 2

INK = (30, 41, 59)
WHITE = (255, 255, 255)
CREAM = (254, 249, 239)
MINT = (209, 250, 229)
SKY = (219, 234, 254)
BLUSH = (254, 226, 226)
LAVENDER = (237, 233, 254)
BLUE = (37, 99, 235)
TEAL = (13, 148, 136)
CORAL = (249, 115, 22)
ROSE = (225, 29, 72)
YELLOW = (250, 204, 21)
VIOLET = (124, 58, 237)
SKIN = [(241, 194, 125), (141, 85, 36), (224, 172, 105), (198, 134, 66)]


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size * SCALE)


class Sketch:
    """An ``ImageDraw`` that takes coordinates in final-size pixels."""

    def __init__(self, background: tuple[int, int, int]):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _s(points):
        return [round(value * SCALE) for value in points]

    def circle(self, x, y, radius, fill, outline=None, width=0):
        self.draw.ellipse(
            self._s((x - radius, y - radius, x + radius, y + radius)),
            fill=fill,
            outline=outline,
            width=width * SCALE,
        )

    def box(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self._s((x0, y0, x1, y1)),
            radius=radius * SCALE,
            fill=fill,
            outline=outline,
            width=width * SCALE,
        )

    def polygon(self, points, fill):
        self.draw.polygon(self._s([v for point in points for v in point]), fill=fill)

    def line(self, points, fill, width):
        self.draw.line(
            self._s([v for point in points for v in point]),
            fill=fill,
            width=width * SCALE,
            joint="curve",
        )

    def text(self, x, y, value, size, fill=INK, bold=False, anchor="la"):
        self.draw.text(
            self._s((x, y)), value, font=font(size, bold=bold), fill=fill, anchor=anchor
        )

    def save(self, path: Path) -> None:
        final = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        final.save(path, "JPEG", quality=80, optimize=True, progressive=True)


def backdrop(sketch: Sketch, colours) -> None:
    """Soft circles in the corners, so plain backgrounds don't look empty."""
    sketch.circle(80, 90, 210, colours[0])
    sketch.circle(1150, 620, 260, colours[1])
    sketch.circle(1060, 80, 60, colours[0])


def person(sketch: Sketch, x, y, *, shirt, skin, hair=INK, facing=1, height=230):
    """A person from the waist up: head, hair and a rounded body."""
    sketch.box(x - 70, y + 40, x + 70, y + height, shirt, radius=60)
    sketch.circle(x, y, 48, skin)
    sketch.draw.pieslice(
        sketch._s((x - 50, y - 52, x + 50, y + 40)), 180, 360, fill=hair
    )
    sketch.circle(x + 18 * facing, y + 4, 5, INK)
    sketch.line([(x + 8 * facing, y + 24), (x + 26 * facing, y + 22)], INK, 3)


def speech_bubble(sketch: Sketch, x0, y0, x1, y1, *, fill, tail_x, tail_left=True):
    sketch.box(x0, y0, x1, y1, fill, radius=28)
    tip = tail_x - 40 if tail_left else tail_x + 40
    sketch.polygon([(tail_x - 18, y1 - 2), (tail_x + 18, y1 - 2), (tip, y1 + 40)], fill)


def text_lines(sketch: Sketch, x, y, widths, colour) -> None:
    for index, width in enumerate(widths):
        sketch.box(x, y + index * 26, x + width, y + index * 26 + 12, colour, radius=6)


def conversation() -> Sketch:
    """Two colleagues at a table, one speaking, one listening."""
    sketch = Sketch(CREAM)
    backdrop(sketch, (MINT, SKY))
    # Bodies end behind the table top, so both people sit at the table.
    person(sketch, 380, 300, shirt=BLUE, skin=SKIN[0], facing=1, height=195)
    person(sketch, 820, 300, shirt=CORAL, skin=SKIN[1], facing=-1, height=195)
    sketch.box(250, 470, 950, 505, (180, 83, 9), radius=10)
    sketch.box(300, 505, 330, 640, (146, 64, 14))
    sketch.box(870, 505, 900, 640, (146, 64, 14))
    sketch.box(560, 430, 640, 472, WHITE, radius=8)
    sketch.circle(700, 450, 20, WHITE)
    speech_bubble(sketch, 300, 70, 620, 190, fill=WHITE, tail_x=420)
    text_lines(sketch, 340, 105, [240, 200, 150], SKY)
    speech_bubble(sketch, 700, 110, 920, 200, fill=WHITE, tail_x=800, tail_left=False)
    for offset in range(3):
        sketch.circle(770 + offset * 40, 155, 10, CORAL)
    return sketch


def sbi_bubbles() -> Sketch:
    """Three overlapping speech bubbles: Situation, Behaviour, Impact."""
    sketch = Sketch(LAVENDER)
    backdrop(sketch, (SKY, BLUSH))
    parts = [
        ("S", "Situation", BLUE, 150),
        ("B", "Behaviour", TEAL, 470),
        ("I", "Impact", VIOLET, 790),
    ]
    for letter, word, colour, x in parts:
        speech_bubble(sketch, x, 170, x + 260, 430, fill=colour, tail_x=x + 90)
        sketch.text(x + 130, 270, letter, 110, fill=WHITE, bold=True, anchor="mm")
        sketch.text(x + 130, 380, word, 30, fill=WHITE, bold=True, anchor="mm")
    for x in (430, 750):
        sketch.line([(x, 300), (x + 30, 300)], INK, 6)
        sketch.polygon([(x + 30, 288), (x + 42, 300), (x + 30, 312)], INK)
    return sketch


def checklist() -> Sketch:
    """A clipboard with three items ticked and one still open."""
    sketch = Sketch(MINT)
    backdrop(sketch, (SKY, CREAM))
    sketch.box(390, 70, 810, 630, (180, 83, 9), radius=24)
    sketch.box(415, 110, 785, 605, WHITE, radius=12)
    sketch.box(520, 50, 680, 110, (100, 116, 139), radius=14)
    for index in range(4):
        y = 170 + index * 105
        done = index < 3
        sketch.box(450, y, 500, y + 50, TEAL if done else WHITE, 10, TEAL, 4)
        if done:
            sketch.line([(462, y + 26), (474, y + 38), (492, y + 14)], WHITE, 7)
        text_lines(sketch, 530, y + 6, [210 - index * 20, 150], SKY if done else BLUSH)
    sketch.circle(900, 480, 70, YELLOW)
    sketch.line([(868, 482), (892, 506), (936, 456)], WHITE, 12)
    return sketch


def calendar() -> Sketch:
    """A calendar page with a one-to-one marked, and a clock beside it."""
    sketch = Sketch(SKY)
    backdrop(sketch, (LAVENDER, MINT))
    sketch.box(200, 110, 760, 590, WHITE, radius=24)
    sketch.box(200, 110, 760, 200, ROSE, radius=24)
    sketch.box(200, 170, 760, 200, ROSE)
    sketch.text(480, 155, "MAY", 40, fill=WHITE, bold=True, anchor="mm")
    for ring in (300, 660):
        sketch.box(ring - 10, 85, ring + 10, 135, INK, radius=10)
    for row in range(4):
        for column in range(7):
            x = 235 + column * 72
            y = 230 + row * 88
            day = row * 7 + column + 1
            if day == 16:
                sketch.circle(x + 26, y + 30, 34, YELLOW)
            sketch.text(x + 26, y + 30, str(day), 24, bold=day == 16, anchor="mm")
    sketch.circle(930, 360, 150, WHITE, outline=INK, width=10)
    for hour in range(12):
        angle = math.radians(hour * 30)
        sketch.circle(930 + 118 * math.cos(angle), 360 + 118 * math.sin(angle), 6, INK)
    sketch.line([(930, 360), (930, 270)], INK, 12)
    sketch.line([(930, 360), (995, 395)], CORAL, 10)
    sketch.circle(930, 360, 12, INK)
    return sketch


def growth_path() -> Sketch:
    """Steps rising to a flag: small habits that add up."""
    sketch = Sketch(BLUSH)
    backdrop(sketch, (CREAM, LAVENDER))
    colours = [BLUE, TEAL, VIOLET, CORAL, ROSE]
    for index, colour in enumerate(colours):
        x = 180 + index * 170
        top = 520 - index * 80
        sketch.box(x, top, x + 170, 620, colour, radius=8)
    sketch.line([(1005, 200), (1005, 200 - 170)], INK, 8)
    sketch.polygon([(1009, 34), (1120, 70), (1009, 110)], YELLOW)
    person(sketch, 435, 210, shirt=CORAL, skin=SKIN[2], facing=1)
    sketch.line([(490, 300), (600, 240)], CORAL, 28)
    return sketch


ILLUSTRATIONS: dict[str, Callable[[], Sketch]] = {
    "two-colleagues-talking": conversation,
    "sbi-speech-bubbles": sbi_bubbles,
    "feedback-checklist": checklist,
    "one-to-one-calendar": calendar,
    "steps-to-a-flag": growth_path,
}


WORKSHEET_LINES = [
    ("title", "SBI feedback planning worksheet"),
    ("text", "Plan one piece of feedback in five minutes, before you meet."),
    ("heading", "1. Situation: when and where did it happen?"),
    ("box", ""),
    ("heading", "2. Behaviour: what did they say or do? (What a camera would see.)"),
    ("box", ""),
    ("heading", "3. Impact: what effect did it have on you, the team or the work?"),
    ("box", ""),
    ("heading", "4. Your opening question"),
    ("text", "For example: How did that meeting look from your side?"),
    ("box", ""),
    ("heading", "5. What would you like to see next time? (Feed-forward)"),
    ("box", ""),
    (
        "text",
        "Check: specific, observable, recent, and about behaviour, not character.",
    ),
]


def worksheet_pdf() -> bytes:
    """A one-page A4 PDF written by hand, so no PDF library is needed."""

    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    commands, y = [], 780
    for kind, value in WORKSHEET_LINES:
        if kind == "box":
            commands.append(f"0.6 G 56 {y - 58} 483 64 re S")
            y -= 80
            continue
        face, size = {"title": ("F2", 20), "heading": ("F2", 12)}.get(kind, ("F1", 11))
        commands.append(f"BT /{face} {size} Tf 56 {y} Td ({escape(value)}) Tj ET")
        y -= 34 if kind == "title" else 22
    stream = "\n".join(commands).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    output, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    output += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(output)


def main() -> None:
    for name, make in ILLUSTRATIONS.items():
        path = ASSETS_DIR / f"{name}.jpg"
        make().save(path)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")
    pdf = ASSETS_DIR / "sbi-feedback-worksheet.pdf"
    pdf.write_bytes(worksheet_pdf())
    print(f"{pdf.name}: {pdf.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
