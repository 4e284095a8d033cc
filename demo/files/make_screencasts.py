"""Render the demo hub's two screencasts, their posters, captions and manifest.

Each screencast is a walk through a made-up performance system ("Stride"): one
slide per step, drawn with Pillow to look like an app (window chrome, sidebar,
form fields, a highlighted control and a moving cursor), then encoded with
ffmpeg as a small H.264/AAC MP4 that every browser plays.

Run it from the repository root when the steps or narration change::

    .venv/bin/python demo/files/make_screencasts.py

It needs ffmpeg and ffprobe on the PATH and the DejaVu fonts. Neither the tests
nor ``make run`` call it: ``load_demo_hub`` uses the files it writes here,
which are committed. ``screencasts.json`` records what the loader needs to
know about each video (duration, size, chapters) so it never has to probe one.
"""

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ASSETS_DIR = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# Slides are drawn at twice the video size and scaled down, which smooths edges.
WIDTH, HEIGHT = 960, 540
SCALE = 2
POSTER_SIZE = (1280, 720)
FPS = 15

INK = (31, 41, 55)
MUTED = (107, 114, 128)
LINE = (209, 213, 219)
PAPER = (255, 255, 255)
CANVAS = (243, 244, 246)
BRAND = (37, 99, 235)
BRAND_SOFT = (219, 234, 254)
SIDEBAR = (30, 41, 59)
SIDEBAR_TEXT = (203, 213, 225)
HIGHLIGHT = (250, 204, 21)
SUCCESS = (22, 163, 74)
SUCCESS_SOFT = (220, 252, 231)
BANNER = (17, 24, 39)

NAV_ITEMS = ["Home", "My team", "Feedback", "Templates", "Goals", "Reports"]


@dataclass(frozen=True)
class Widget:
    """One thing on a slide's main panel, laid out top to bottom.

    ``kind`` is one of ``field``, ``area``, ``select``, ``radio``, ``button``,
    ``row``, ``card``, ``toast`` or ``text``. A ``focus`` widget is outlined and
    the cursor moves to it.
    """

    kind: str
    label: str = ""
    value: str = ""
    focus: bool = False
    # A filled (primary) button, or the selected radio option.
    primary: bool = False


@dataclass(frozen=True)
class Step:
    """One slide: a title, how long it shows, the screen, and two captions."""

    title: str
    seconds: int
    nav: str
    heading: str
    breadcrumb: str
    widgets: list[Widget]
    narration: tuple[str, str]


@dataclass(frozen=True)
class Screencast:
    """A whole video: file stem, window title and the steps in order."""

    slug: str
    title: str
    steps: list[Step] = field(default_factory=list)


FEEDBACK_NOTE = Screencast(
    slug="logging-a-feedback-note",
    title="Logging a feedback note in the performance system",
    steps=[
        Step(
            title="Open your team",
            seconds=4,
            nav="My team",
            heading="My team",
            breadcrumb="Stride / My team",
            widgets=[
                Widget("row", "Ana Souza", "Customer Success · São Paulo", focus=True),
                Widget("row", "Ben Okafor", "Customer Success · London"),
                Widget("row", "Chen Wei", "Onboarding · Singapore"),
                Widget("row", "Dara Kelly", "Onboarding · Dublin"),
            ],
            narration=(
                "Start in Stride: choose My team in the sidebar.",
                "Then pick the person you want to write the note about.",
            ),
        ),
        Step(
            title="Choose “Add feedback note”",
            seconds=5,
            nav="My team",
            heading="Ana Souza",
            breadcrumb="Stride / My team / Ana Souza",
            widgets=[
                Widget("text", "Goals · Feedback · One-to-ones"),
                Widget("card", "Last note", "12 days ago: onboarding call with Acme"),
                Widget("button", "Add feedback note", focus=True, primary=True),
            ],
            narration=(
                "On their profile, open the Feedback tab.",
                "Choose Add feedback note. Notes are private until you share them.",
            ),
        ),
        Step(
            title="Describe what you observed",
            seconds=5,
            nav="Feedback",
            heading="New feedback note",
            breadcrumb="Stride / Ana Souza / New note",
            widgets=[
                Widget("field", "When and where", "Client call with Acme, Tue 14 May"),
                Widget(
                    "area",
                    "What you observed",
                    "You summarised the three open issues and agreed an owner "
                    "for each before we hung up.",
                    focus=True,
                ),
            ],
            narration=(
                "Write when and where it happened while you still remember it.",
                "Then describe what the person did: words and actions, no labels.",
            ),
        ),
        Step(
            title="Add the impact and link a goal",
            seconds=5,
            nav="Feedback",
            heading="New feedback note",
            breadcrumb="Stride / Ana Souza / New note",
            widgets=[
                Widget(
                    "area",
                    "Impact",
                    "Acme's lead thanked us for the clarity; no follow-up "
                    "emails were needed.",
                ),
                Widget("select", "Linked goal", "Client communication", focus=True),
            ],
            narration=(
                "Add the impact: what changed because of what they did.",
                "Link the note to a goal, so it shows up in the goal's history.",
            ),
        ),
        Step(
            title="Choose who sees it, then save",
            seconds=4,
            nav="Feedback",
            heading="New feedback note",
            breadcrumb="Stride / Ana Souza / New note",
            widgets=[
                Widget("radio", "Visibility", "Shared with Ana", primary=True),
                Widget("radio", "", "Only me (private draft)"),
                Widget("button", "Save note", focus=True, primary=True),
            ],
            narration=(
                "Choose Shared with Ana, so she can read it before you talk.",
                "Then select Save note.",
            ),
        ),
        Step(
            title="Find it before your one-to-one",
            seconds=4,
            nav="Feedback",
            heading="Ana Souza · Feedback",
            breadcrumb="Stride / Ana Souza / Feedback",
            widgets=[
                Widget("toast", "Note saved and shared with Ana"),
                Widget(
                    "card",
                    "Today · Client communication",
                    "You summarised the three open issues and agreed owners.",
                    focus=True,
                ),
                Widget("card", "12 days ago", "Onboarding call with Acme"),
            ],
            narration=(
                "The note now sits on Ana's feedback timeline.",
                "Open it before your next one-to-one and start from there.",
            ),
        ),
    ],
)

SBI_TEMPLATE = Screencast(
    slug="preparing-with-the-sbi-template",
    title="Preparing a feedback conversation with the SBI template",
    steps=[
        Step(
            title="Open the SBI template",
            seconds=4,
            nav="Templates",
            heading="Conversation templates",
            breadcrumb="Stride / Templates",
            widgets=[
                Widget(
                    "card",
                    "SBI: Situation – Behaviour – Impact",
                    "Plan specific, fair feedback in three parts",
                    focus=True,
                ),
                Widget("card", "Career conversation", "Goals, strengths, next steps"),
                Widget("card", "Quarterly check-in", "Progress against goals"),
            ],
            narration=(
                "In Stride, open Templates and choose SBI.",
                "SBI stands for Situation, Behaviour and Impact.",
            ),
        ),
        Step(
            title="Situation: when and where",
            seconds=5,
            nav="Templates",
            heading="Prepare: feedback for Ben Okafor",
            breadcrumb="Stride / Templates / SBI",
            widgets=[
                Widget(
                    "area",
                    "Situation",
                    "Monday's team stand-up, while we planned the release.",
                    focus=True,
                ),
                Widget("area", "Behaviour", ""),
                Widget("area", "Impact", ""),
            ],
            narration=(
                "Start with the situation: one specific moment you both remember.",
                "Keep it short. A day and a meeting are usually enough.",
            ),
        ),
        Step(
            title="Behaviour: what you saw and heard",
            seconds=5,
            nav="Templates",
            heading="Prepare: feedback for Ben Okafor",
            breadcrumb="Stride / Templates / SBI",
            widgets=[
                Widget("area", "Situation", "Monday's team stand-up."),
                Widget(
                    "area",
                    "Behaviour",
                    "You interrupted Chen twice while she explained the test plan.",
                    focus=True,
                ),
                Widget("area", "Impact", ""),
            ],
            narration=(
                "Next, the behaviour: what a camera would have recorded.",
                "Say what they did, not what you think they meant.",
            ),
        ),
        Step(
            title="Impact: the effect it had",
            seconds=5,
            nav="Templates",
            heading="Prepare: feedback for Ben Okafor",
            breadcrumb="Stride / Templates / SBI",
            widgets=[
                Widget("area", "Behaviour", "You interrupted Chen twice."),
                Widget(
                    "area",
                    "Impact",
                    "She stopped explaining, and we missed two test cases "
                    "we found later.",
                    focus=True,
                ),
            ],
            narration=(
                "Then the impact: the effect on you, the team or the work.",
                "An impact they can check is easier to hear than a judgement.",
            ),
        ),
        Step(
            title="Add an opening question",
            seconds=4,
            nav="Templates",
            heading="Prepare: feedback for Ben Okafor",
            breadcrumb="Stride / Templates / SBI",
            widgets=[
                Widget(
                    "field",
                    "Question to open with",
                    "How did the stand-up look from your side?",
                    focus=True,
                ),
                Widget("text", "Tip: ask first, then listen before you share."),
            ],
            narration=(
                "Add one open question to start the conversation with.",
                "Asking first often brings up the point you wanted to make.",
            ),
        ),
        Step(
            title="Attach it to your next one-to-one",
            seconds=4,
            nav="Templates",
            heading="Prepare: feedback for Ben Okafor",
            breadcrumb="Stride / Templates / SBI",
            widgets=[
                Widget("select", "One-to-one", "Thursday 16 May, 10:00"),
                Widget("button", "Attach to one-to-one", focus=True, primary=True),
            ],
            narration=(
                "Finally, attach the plan to your next one-to-one.",
                "It will be waiting on the agenda when you meet.",
            ),
        ),
    ],
)

SCREENCASTS = [FEEDBACK_NOTE, SBI_TEMPLATE]


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size * SCALE)


def s(*values: float) -> list[int]:
    """Scale layout units (video pixels) to drawing pixels."""
    return [round(value * SCALE) for value in values]


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: float) -> list[str]:
    """Split ``text`` into lines that fit ``width`` layout units."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=face) <= width * SCALE:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def draw_text(draw, xy, text, *, size=13, bold=False, fill=INK) -> None:
    draw.text(s(*xy), text, font=font(size, bold=bold), fill=fill)


def draw_chrome(draw: ImageDraw.ImageDraw, screencast: Screencast, step: Step, number):
    """The step banner, the window frame, the app bar and the sidebar."""
    total = len(screencast.steps)
    draw.rectangle(s(0, 0, WIDTH, 44), fill=BANNER)
    draw.rounded_rectangle(s(16, 10, 100, 34), radius=12 * SCALE, fill=HIGHLIGHT)
    draw_text(draw, (27, 14), f"Step {number}/{total}", size=12, bold=True)
    draw_text(draw, (114, 11), step.title, size=17, bold=True, fill=PAPER)

    draw.rounded_rectangle(
        s(16, 56, WIDTH - 16, HEIGHT - 12), radius=10 * SCALE, fill=PAPER
    )
    draw.rounded_rectangle(
        s(16, 56, WIDTH - 16, 86), radius=10 * SCALE, fill=(229, 231, 235)
    )
    draw.rectangle(s(16, 76, WIDTH - 16, 86), fill=(229, 231, 235))
    for offset, colour in enumerate([(248, 113, 113), (251, 191, 36), (74, 222, 128)]):
        x = 34 + offset * 18
        draw.ellipse(s(x - 5, 66, x + 5, 76), fill=colour)
    draw.rounded_rectangle(s(300, 62, 660, 80), radius=6 * SCALE, fill=PAPER)
    draw_text(draw, (400, 63), "stride.example.com", size=11, fill=MUTED)

    draw.rectangle(s(16, 86, 196, HEIGHT - 22), fill=SIDEBAR)
    draw.rounded_rectangle(s(16, 86, 196, HEIGHT - 12), radius=10 * SCALE, fill=SIDEBAR)
    draw.rectangle(s(16, 86, 196, 120), fill=SIDEBAR)
    draw.rounded_rectangle(s(32, 100, 56, 124), radius=6 * SCALE, fill=BRAND)
    draw_text(draw, (38, 102), "S", size=15, bold=True, fill=PAPER)
    draw_text(draw, (66, 103), "Stride", size=16, bold=True, fill=PAPER)
    for index, item in enumerate(NAV_ITEMS):
        y = 146 + index * 38
        if item == step.nav:
            draw.rounded_rectangle(
                s(28, y - 8, 184, y + 22), radius=6 * SCALE, fill=BRAND
            )
        colour = PAPER if item == step.nav else SIDEBAR_TEXT
        draw.rounded_rectangle(s(42, y + 1, 54, y + 13), radius=3 * SCALE, fill=colour)
        draw_text(draw, (66, y - 1), item, size=13, fill=colour)

    draw.rectangle(s(196, 86, WIDTH - 16, 130), fill=PAPER)
    draw.line(s(196, 130, WIDTH - 16, 130), fill=LINE, width=SCALE)
    draw_text(draw, (220, 92), step.breadcrumb, size=11, fill=MUTED)
    draw_text(draw, (220, 106), step.heading, size=17, bold=True)
    draw.ellipse(s(WIDTH - 56, 96, WIDTH - 30, 122), fill=BRAND_SOFT)
    draw_text(draw, (WIDTH - 50, 101), "SK", size=11, bold=True, fill=BRAND)


def draw_caret(draw, x: float, y: float, text: str) -> None:
    """A text cursor after ``text``, as if the person were still typing."""
    end = x + draw.textlength(text, font=font(13)) / SCALE + 2
    draw.line(s(end, y, end, y + 17), fill=INK, width=SCALE)


def draw_widget(draw, widget: Widget, top: float) -> tuple[float, tuple]:
    """Draw ``widget`` at ``top``; return the next top and the widget's box."""
    left, right = 220, WIDTH - 40
    if widget.kind in {"field", "select"}:
        draw_text(draw, (left, top), widget.label, size=12, bold=True)
        box = (left, top + 20, right - 180, top + 52)
        draw.rounded_rectangle(
            s(*box), radius=6 * SCALE, fill=PAPER, outline=LINE, width=SCALE
        )
        draw_text(draw, (left + 12, top + 28), widget.value, size=13)
        if widget.focus and widget.kind == "field":
            draw_caret(draw, left + 12, top + 28, widget.value)
        if widget.kind == "select":
            x, y = box[2] - 24, top + 32
            draw.polygon(s(x, y, x + 12, y, x + 6, y + 7), fill=MUTED)
        return top + 70, box
    if widget.kind == "area":
        draw_text(draw, (left, top), widget.label, size=12, bold=True)
        lines = wrap(draw, widget.value, font(13), right - left - 200) or [""]
        box = (left, top + 20, right - 180, top + 30 + max(2, len(lines)) * 20)
        draw.rounded_rectangle(
            s(*box), radius=6 * SCALE, fill=PAPER, outline=LINE, width=SCALE
        )
        for index, line in enumerate(lines):
            draw_text(draw, (left + 12, top + 28 + index * 20), line, size=13)
        if widget.focus:
            draw_caret(draw, left + 12, top + 28 + (len(lines) - 1) * 20, lines[-1])
        return box[3] + 16, box
    if widget.kind == "radio":
        if widget.label:
            draw_text(draw, (left, top), widget.label, size=12, bold=True)
            top += 22
        selected = widget.primary
        draw.ellipse(
            s(left, top + 2, left + 16, top + 18), outline=BRAND, width=2 * SCALE
        )
        if selected:
            draw.ellipse(s(left + 4, top + 6, left + 12, top + 14), fill=BRAND)
        draw_text(draw, (left + 26, top + 1), widget.value, size=13)
        return top + 34, (left, top, left + 220, top + 20)
    if widget.kind == "button":
        width = draw.textlength(widget.label, font=font(14, bold=True)) / SCALE + 40
        box = (left, top + 6, left + width, top + 44)
        fill = BRAND if widget.primary else PAPER
        draw.rounded_rectangle(
            s(*box), radius=8 * SCALE, fill=fill, outline=BRAND, width=SCALE
        )
        colour = PAPER if widget.primary else BRAND
        draw_text(
            draw, (left + 20, top + 16), widget.label, size=14, bold=True, fill=colour
        )
        return top + 62, box
    if widget.kind == "row":
        box = (left, top, right, top + 52)
        draw.rounded_rectangle(
            s(*box), radius=8 * SCALE, fill=PAPER, outline=LINE, width=SCALE
        )
        draw.ellipse(s(left + 12, top + 10, left + 44, top + 42), fill=BRAND_SOFT)
        initials = "".join(part[0] for part in widget.label.split()[:2])
        draw_text(draw, (left + 19, top + 18), initials, size=12, bold=True, fill=BRAND)
        draw_text(draw, (left + 58, top + 9), widget.label, size=14, bold=True)
        draw_text(draw, (left + 58, top + 29), widget.value, size=12, fill=MUTED)
        return top + 62, box
    if widget.kind == "card":
        box = (left, top, right, top + 64)
        draw.rounded_rectangle(
            s(*box), radius=8 * SCALE, fill=CANVAS, outline=LINE, width=SCALE
        )
        draw.rectangle(s(left, top + 8, left + 4, top + 56), fill=BRAND)
        draw_text(draw, (left + 18, top + 12), widget.label, size=14, bold=True)
        draw_text(draw, (left + 18, top + 36), widget.value, size=12, fill=MUTED)
        return top + 76, box
    if widget.kind == "toast":
        box = (left, top, right, top + 40)
        draw.rounded_rectangle(
            s(*box), radius=8 * SCALE, fill=SUCCESS_SOFT, outline=SUCCESS, width=SCALE
        )
        draw.line(
            s(left + 14, top + 21, left + 20, top + 27, left + 30, top + 13),
            fill=SUCCESS,
            width=3 * SCALE,
        )
        draw_text(
            draw, (left + 42, top + 11), widget.label, size=13, bold=True, fill=SUCCESS
        )
        return top + 54, box
    draw_text(draw, (left, top), widget.label, size=13, fill=MUTED)
    return top + 32, (left, top, right, top + 20)


def render_slide(screencast: Screencast, step: Step, number: int):
    """The slide for ``step`` at drawing size, and where its focus widget is."""
    image = Image.new("RGB", s(WIDTH, HEIGHT), CANVAS)
    draw = ImageDraw.Draw(image)
    draw_chrome(draw, screencast, step, number)
    top, focus = 150.0, None
    for widget in step.widgets:
        next_top, box = draw_widget(draw, widget, top)
        if widget.focus:
            focus = box
        top = next_top
    if focus:
        glow = Image.new("L", image.size, 0)
        x0, y0, x1, y1 = focus
        ImageDraw.Draw(glow).rounded_rectangle(
            s(x0 - 5, y0 - 5, x1 + 5, y1 + 5),
            radius=10 * SCALE,
            outline=255,
            width=4 * SCALE,
        )
        glow = glow.filter(ImageFilter.GaussianBlur(3 * SCALE))
        image.paste(Image.new("RGB", image.size, HIGHLIGHT), mask=glow)
        target = (x1 - min(48, (x1 - x0) / 2), (y0 + y1) / 2 + 4)
    else:
        target = (WIDTH / 2, HEIGHT / 2)
    return image, target


def cursor_sprite() -> Image.Image:
    """An arrow pointer at video size, with a white outline so it shows anywhere."""
    sprite = Image.new("RGBA", s(24, 30), (0, 0, 0, 0))
    points = [(1, 1), (1, 22), (6, 17), (10, 27), (14, 25), (10, 16), (17, 16)]
    ImageDraw.Draw(sprite).polygon(
        [(x * SCALE, y * SCALE) for x, y in points],
        fill=(17, 24, 39, 255),
        outline=(255, 255, 255, 255),
        width=2 * SCALE,
    )
    return sprite.resize((24, 30), Image.Resampling.LANCZOS)


def ease(t: float) -> float:
    return t * t * (3 - 2 * t)


def frames(screencast: Screencast):
    """Yield every video frame of ``screencast`` as an RGB image."""
    cursor = cursor_sprite()
    position = (WIDTH - 120, HEIGHT - 60)
    for number, step in enumerate(screencast.steps, start=1):
        slide, target = render_slide(screencast, step, number)
        slide = slide.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        start = position
        for index in range(step.seconds * FPS):
            t = index / FPS
            progress = ease(min(1.0, t / 1.4))
            x = start[0] + (target[0] - start[0]) * progress
            y = start[1] + (target[1] - start[1]) * progress
            frame = slide.copy()
            if 1.6 <= t <= 2.2:  # a click: a ring that grows and fades
                radius = 6 + (t - 1.6) * 40
                ImageDraw.Draw(frame).ellipse(
                    (x - radius, y - radius, x + radius, y + radius),
                    outline=HIGHLIGHT,
                    width=3,
                )
            frame.paste(cursor, (round(x) - 1, round(y) - 1), cursor)
            yield frame
        position = target


def captions(screencast: Screencast) -> str:
    """WebVTT with two cues per step, timed to the slides."""

    def stamp(seconds: float) -> str:
        minutes, rest = divmod(seconds, 60)
        return f"00:{int(minutes):02d}:{rest:06.3f}"

    lines = ["WEBVTT", "", f"NOTE {screencast.title}", ""]
    start = 0
    for step in screencast.steps:
        middle = start + step.seconds / 2
        spans = [(start + 0.2, middle), (middle, start + step.seconds - 0.1)]
        for (begin, end), text in zip(spans, step.narration, strict=True):
            lines += [f"{stamp(begin)} --> {stamp(end)}", text, ""]
        start += step.seconds
    return "\n".join(lines)


def encode(screencast: Screencast, path: Path) -> None:
    """Pipe the frames into ffmpeg with a silent AAC track."""
    seconds = sum(step.seconds for step in screencast.steps)
    command = [
        "ffmpeg", "-y", "-loglevel", "error",
        "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{WIDTH}x{HEIGHT}",
        "-r", str(FPS), "-i", "-",
        "-f", "lavfi", "-i", "anullsrc=channel_layout=mono:sample_rate=22050",
        "-t", str(seconds),
        "-c:v", "libx264", "-profile:v", "main", "-pix_fmt", "yuv420p",
        "-preset", "veryslow", "-crf", "30", "-tune", "stillimage",
        "-g", str(FPS * 4),
        "-c:a", "aac", "-b:a", "24k",
        "-movflags", "+faststart",
        str(path),
    ]  # fmt: skip
    with subprocess.Popen(command, stdin=subprocess.PIPE) as process:
        for frame in frames(screencast):
            process.stdin.write(frame.tobytes())
        process.stdin.close()
    if process.returncode:
        raise SystemExit(f"ffmpeg failed for {path.name}")


def probe(path: Path) -> dict:
    """Duration and frame size as ffprobe reads them from the file."""
    output = subprocess.run(
        [
            "ffprobe", "-v", "error", "-select_streams", "v:0",
            "-show_entries", "stream=width,height:format=duration",
            "-of", "json", str(path),
        ],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    info = json.loads(output)
    stream = info["streams"][0]
    return {
        "duration": round(float(info["format"]["duration"]), 2),
        "width": stream["width"],
        "height": stream["height"],
    }


def build(screencast: Screencast) -> dict:
    """Write the video, poster and captions; return the manifest entry."""
    video = ASSETS_DIR / f"{screencast.slug}.mp4"
    poster = ASSETS_DIR / f"{screencast.slug}-poster.jpg"
    vtt = ASSETS_DIR / f"{screencast.slug}.vtt"

    encode(screencast, video)
    first_slide, _ = render_slide(screencast, screencast.steps[0], 1)
    first_slide.resize(POSTER_SIZE, Image.Resampling.LANCZOS).save(
        poster, "JPEG", quality=80, optimize=True, progressive=True
    )
    vtt.write_text(captions(screencast), encoding="utf-8")

    chapters, start = [], 0
    for step in screencast.steps:
        chapters.append(
            {"timestamp": f"{start // 60}:{start % 60:02d}", "title": step.title}
        )
        start += step.seconds
    return {
        "title": screencast.title,
        "video": video.name,
        "poster": poster.name,
        "captions": vtt.name,
        **probe(video),
        "chapters": chapters,
    }


def main() -> None:
    manifest = {screencast.slug: build(screencast) for screencast in SCREENCASTS}
    (ASSETS_DIR / "screencasts.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for entry in manifest.values():
        size = f"{entry['width']}x{entry['height']}"
        print(f"{entry['video']}: {entry['duration']} s, {size}")


if __name__ == "__main__":
    main()
