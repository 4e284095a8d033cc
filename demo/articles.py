"""The demo's articles: SBI, receiving feedback, and feed-forward.

Between them they use every block of ``HubStreamBlock``, so the demo doubles as
a gallery of what editors can build.
"""

from home.models import ArticlePage

from . import assets
from .specs import PageSpec, document, image, media, page, stream

SBI_PATH = "giving-feedback/the-sbi-model"
RECEIVING_PATH = "receiving-feedback/receiving-feedback-without-defensiveness"
FEED_FORWARD_PATH = "coaching-conversations/feed-forward"
FEEDBACK_NOTE_PATH = "giving-feedback/performance-system/logging-a-feedback-note"
SBI_SCREENCAST_PATH = "giving-feedback/preparing-with-the-sbi-template"

GREAT_FEEDBACK_TALK = "https://www.youtube.com/watch?v=wtl5UrrgU8c"

SBI_MODEL = PageSpec(
    ArticlePage,
    slug="the-sbi-model",
    title="Feedback people can use: the SBI model",
    tags=("sbi", "giving feedback"),
    fields={
        "summary": "Situation, Behaviour, Impact: a three-part way to give "
        "feedback that is specific, fair and easy to act on.",
        "hero_image": image(assets.SBI_BUBBLES),
        "hero_alt_text": "Three speech bubbles in a row: S for Situation, "
        "B for Behaviour and I for Impact.",
        "body": stream(
            (
                "paragraph_block",
                "<p>Most feedback fails for a simple reason: the other person "
                "can't tell what exactly to keep doing or change. "
                "<i>“Great job”</i> and <i>“You need to be more proactive”</i> "
                "both leave them guessing. The SBI model fixes that in three "
                "short parts.</p>",
            ),
            ("heading_block", {"text": "Situation, Behaviour, Impact", "level": "h2"}),
            (
                "paragraph_block",
                "<ul><li><b>Situation:</b> when and where it happened. "
                "<i>“In Monday's stand-up…”</i></li>"
                "<li><b>Behaviour:</b> what the person said or did, as a camera "
                "would have recorded it. <i>“…you interrupted Chen twice while "
                "she explained the test plan.”</i></li>"
                "<li><b>Impact:</b> the effect it had on you, the team or the "
                "work. <i>“She stopped explaining, and we missed two test cases "
                "that we found later.”</i></li></ul>"
                "<p>Then stop talking and ask how it looked from their side.</p>",
            ),
            (
                "image_block",
                {
                    "image": image(assets.TWO_COLLEAGUES),
                    "alt_text": "Two colleagues at a table, one speaking and "
                    "one listening.",
                    "caption": "SBI works as well for praise as for criticism: "
                    "specific praise tells people what to repeat.",
                    "attribution": "Illustration: Learning Hub",
                },
            ),
            (
                "callout_block",
                {
                    "kind": "key_point",
                    "title": "Behaviour is what a camera would record",
                    "body": "<p>“You were rude” is a judgement; “You replied "
                    "to the client's question with one word” is behaviour. "
                    "People can argue with a judgement, but rarely with a fact "
                    "they recognise.</p>",
                },
            ),
            (
                "callout_block",
                {
                    "kind": "warning",
                    "title": "Skip the feedback sandwich",
                    "body": "<p>Wrapping criticism between two compliments "
                    "teaches people to brace for bad news whenever you praise "
                    "them. Say the useful thing plainly and kindly.</p>",
                },
            ),
            ("heading_block", {"text": "SBI at a glance", "level": "h3"}),
            (
                "table_block",
                {
                    "caption": "What each part of SBI answers",
                    "columns": [
                        {"type": "text", "heading": "Part"},
                        {"type": "text", "heading": "Ask yourself"},
                        {"type": "rich_text", "heading": "Sounds like"},
                    ],
                    "rows": [
                        {
                            "values": [
                                "Situation",
                                "Would they know which moment I mean?",
                                "<p><i>In Tuesday's call with Acme…</i></p>",
                            ]
                        },
                        {
                            "values": [
                                "Behaviour",
                                "Could a camera have recorded it?",
                                "<p><i>…you summarised the three open issues…</i></p>",
                            ]
                        },
                        {
                            "values": [
                                "Impact",
                                "Can they check the effect?",
                                "<p><i>…and the client needed no follow-up "
                                "emails.</i></p>",
                            ]
                        },
                    ],
                },
            ),
            (
                "video_block",
                {
                    "video": media(assets.screencast_title(assets.SBI_SCREENCAST)),
                    "title": "Preparing with the SBI template",
                    "caption": "A 27-second walk through the SBI template in "
                    "Stride, the new performance system.",
                },
            ),
            (
                "callout_block",
                {
                    "kind": "tip",
                    "title": "Keep the situation short",
                    "body": "<p>A day and a meeting are enough. A long "
                    "back-story sounds like you have been building a case.</p>",
                },
            ),
            (
                "quote_block",
                {
                    "quote": "I used to save feedback for the annual review. "
                    "Now I use SBI the same week, and people actually change "
                    "what they do.",
                    "attribution": "Priya Nair",
                    "role": "Operations manager, spring cohort",
                },
            ),
            (
                "embed_block",
                {
                    "embed": GREAT_FEEDBACK_TALK,
                    "caption": "LeeAnn Renninger on the four parts of feedback "
                    "that lands (4 minutes).",
                },
            ),
            (
                "try_this_block",
                {
                    "title": "Try this: one SBI before Friday",
                    "task": "<p>Pick one moment from this week that went well. "
                    "Write it as one sentence each for Situation, Behaviour and "
                    "Impact, then say it to the person.</p>",
                    "minutes": 10,
                    "reflection_question": "Which part was hardest to put into "
                    "words, and why?",
                },
            ),
            (
                "takeaways_block",
                {
                    "heading": "Key takeaways",
                    "points": [
                        "Name one specific moment, not a pattern.",
                        "Describe behaviour a camera could record.",
                        "Say what effect it had, then ask for their view.",
                    ],
                },
            ),
            (
                "resource_links_block",
                {
                    "heading": "Go further",
                    "links": stream(
                        ("document_link", {"document": document(assets.SBI_WORKSHEET)}),
                        ("page_link", {"page": page(SBI_SCREENCAST_PATH)}),
                        (
                            "external_link",
                            {
                                "link_url": "https://www.ccl.org/articles/"
                                "leading-effectively-articles/closing-the-gap-"
                                "between-intent-vs-impact-sbii/",
                                "link_text": "Closing the gap between intent and "
                                "impact (Center for Creative Leadership)",
                            },
                        ),
                    ),
                },
            ),
        ),
    },
)

RECEIVING = PageSpec(
    ArticlePage,
    slug="receiving-feedback-without-defensiveness",
    title="Receiving feedback without getting defensive",
    tags=("receiving feedback", "one-to-ones"),
    fields={
        "summary": "Feedback that stings is still information. Three triggers "
        "explain why it hurts, and one question buys you time to use it.",
        "hero_image": image(assets.TWO_COLLEAGUES),
        "hero_alt_text": "Two colleagues at a table: one talks while the other "
        "listens.",
        "body": stream(
            (
                "paragraph_block",
                "<p>Even well-given feedback can feel like an attack. The "
                "reaction is normal; what matters is the next ten seconds. "
                "Researchers Douglas Stone and Sheila Heen describe three "
                "triggers that set it off. Naming yours is the first step to "
                "hearing what is useful.</p>",
            ),
            (
                "accordion_block",
                {
                    "heading": "Which trigger is it?",
                    "questions": [
                        {
                            "question": "Truth trigger: “That's just wrong.”",
                            "answer": "<p>You think the feedback is inaccurate. "
                            "Ask for an example before you judge it: the part "
                            "that is right is often in the details.</p>",
                        },
                        {
                            "question": "Relationship trigger: “Who are you "
                            "to tell me?”",
                            "answer": "<p>Your reaction is about the giver, not "
                            "the message. Separate the two: would you take it "
                            "seriously from someone else?</p>",
                        },
                        {
                            "question": "Identity trigger: “I'm hopeless.”",
                            "answer": "<p>The feedback shakes how you see "
                            "yourself. Keep it to its size: one meeting, one "
                            "skill, something you can practise.</p>",
                        },
                    ],
                },
            ),
            ("heading_block", {"text": "Buy time with a question", "level": "h2"}),
            (
                "paragraph_block",
                "<p>You don't have to agree or disagree on the spot. Instead:</p>"
                "<ol><li>Thank them for raising it.</li>"
                "<li>Ask for one concrete example: <i>“Can you show me where "
                "that happened?”</i></li>"
                "<li>Say what you will do with it, even if that is "
                "<i>“Let me think about it and come back to you on "
                "Thursday.”</i></li></ol>",
            ),
            (
                "callout_block",
                {
                    "kind": "tip",
                    "title": "Thank them for the effort, not for agreeing",
                    "body": "<p>Giving feedback is awkward. A plain “Thanks for "
                    "telling me” makes the next piece of feedback more likely, "
                    "whether or not you end up agreeing.</p>",
                },
            ),
            (
                "callout_block",
                {
                    "kind": "warning",
                    "title": "Don't debate it on the spot",
                    "body": "<p>Explaining why you did it feels helpful but "
                    "sounds like “you're wrong”. Understand first; explain "
                    "later, if it still matters.</p>",
                },
            ),
            (
                "quote_block",
                {
                    "quote": "Asking “Can you give me an example?” changed "
                    "everything. Half the time, the example showed me "
                    "something I had honestly not noticed.",
                    "attribution": "Ana Souza",
                    "role": "Customer success lead, São Paulo",
                },
            ),
            (
                "try_this_block",
                {
                    "title": "Try this: ask for one thing",
                    "task": "<p>Before your next one-to-one, ask your manager or "
                    "a peer: <i>“What is one thing I could do differently in "
                    "next week's client demo?”</i> Listen, take a note and "
                    "thank them. Don't explain.</p>",
                    "minutes": 5,
                    "reflection_question": "Which trigger, if any, did you feel? "
                    "What did you do with it?",
                },
            ),
            (
                "takeaways_block",
                {
                    "points": [
                        "Feeling defensive is normal; name the trigger.",
                        "Ask for an example before you agree or disagree.",
                        "Thank people for feedback, so they keep giving it.",
                    ],
                },
            ),
            (
                "page_cards_block",
                {
                    "heading": "Keep practising",
                    "pages": [page(SBI_PATH), page(FEEDBACK_NOTE_PATH)],
                },
            ),
            (
                "resource_links_block",
                {
                    "heading": "Go further",
                    "links": stream(
                        (
                            "external_link",
                            {
                                "link_url": "https://hbr.org/2014/01/"
                                "find-the-coaching-in-criticism",
                                "link_text": "Find the coaching in criticism "
                                "(Harvard Business Review)",
                            },
                        ),
                    ),
                },
            ),
        ),
    },
)

FEED_FORWARD = PageSpec(
    ArticlePage,
    slug="feed-forward",
    title="Feed-forward: coach the next time, not the last time",
    tags=("coaching", "feed-forward", "one-to-ones"),
    fields={
        "summary": "Nobody can change last week. Feed-forward turns a "
        "conversation about a miss into a plan for the next attempt.",
        "hero_image": image(assets.STEPS),
        "hero_alt_text": "A person climbing coloured steps towards a flag.",
        "body": stream(
            (
                "paragraph_block",
                "<p>Feedback looks back; <b>feed-forward</b>, a term coach "
                "Marshall Goldsmith made popular, looks ahead. Instead of "
                "dissecting what went wrong, you agree on what the next attempt "
                "will look like. People defend their past; they are curious "
                "about their future.</p>",
            ),
            ("heading_block", {"text": "Questions that move things on", "level": "h2"}),
            (
                "paragraph_block",
                "<ul><li><i>What would you like to be different next time?</i></li>"
                "<li><i>What is one thing you could try on the next release?</i>"
                "</li><li><i>What would help you spot the risk a week "
                "earlier?</i></li><li><i>How can I help?</i></li></ul>",
            ),
            (
                "callout_block",
                {
                    "kind": "key_point",
                    "title": "Ask, then offer",
                    "body": "<p>Let the other person suggest first. Ideas they "
                    "come up with themselves are the ones they act on. Offer "
                    "yours after, as options, not instructions.</p>",
                },
            ),
            ("heading_block", {"text": "A 25-minute one-to-one", "level": "h2"}),
            (
                "table_block",
                {
                    "caption": "A one-to-one with room for feed-forward",
                    "columns": [
                        {"type": "text", "heading": "Part"},
                        {"type": "numeric", "heading": "Minutes"},
                        {"type": "rich_text", "heading": "A question to ask"},
                    ],
                    "rows": [
                        {
                            "values": [
                                "Check in",
                                "2",
                                "<p><i>How is this week going?</i></p>",
                            ]
                        },
                        {
                            "values": [
                                "Their agenda",
                                "8",
                                "<p><i>What do you want to cover?</i></p>",
                            ]
                        },
                        {
                            "values": [
                                "Feedback and feed-forward",
                                "10",
                                "<p><i>What will you try next time?</i></p>",
                            ]
                        },
                        {
                            "values": [
                                "Next steps",
                                "5",
                                "<p><i>What will each of us do by next week?</i></p>",
                            ]
                        },
                    ],
                },
            ),
            (
                "image_block",
                {
                    "image": image(assets.CALENDAR),
                    "alt_text": "A calendar with the 16th circled, next to a clock.",
                    "caption": "Put feed-forward on the agenda of the next "
                    "one-to-one, not at the end of the year.",
                },
            ),
            (
                "try_this_block",
                {
                    "title": "Try this: turn one miss into a next step",
                    "task": "<p>Think of something that didn't go to plan for "
                    "someone in your team. In your next one-to-one, ask only "
                    "forward-looking questions about it, and note the one step "
                    "they choose.</p>",
                    "minutes": 15,
                    "reflection_question": "How did the conversation feel "
                    "compared with going through what went wrong?",
                },
            ),
            (
                "image_block",
                {
                    "image": image(assets.CHECKLIST),
                    "alt_text": "A clipboard checklist with three items ticked.",
                    "caption": "End with one agreed step each, written down.",
                },
            ),
            (
                "takeaways_block",
                {
                    "heading": "Remember",
                    "points": [
                        "Talk about the next attempt, not the last one.",
                        "Ask for their ideas before offering yours.",
                        "Agree one concrete step and check it next time.",
                    ],
                },
            ),
            (
                "page_cards_block",
                {
                    "heading": "Related",
                    "pages": [
                        page(SBI_PATH),
                        page(RECEIVING_PATH),
                        page(SBI_SCREENCAST_PATH),
                    ],
                },
            ),
            (
                "resource_links_block",
                {
                    "links": stream(
                        (
                            "external_link",
                            {
                                "link_url": "https://marshallgoldsmith.com/"
                                "articles/try-feedforward-instead-feedback/",
                                "link_text": "Try feedforward instead of feedback "
                                "(Marshall Goldsmith)",
                            },
                        ),
                        ("document_link", {"document": document(assets.SBI_WORKSHEET)}),
                    ),
                },
            ),
        ),
    },
)
