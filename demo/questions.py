"""The demo's booster questions: scenarios from the feedback course.

Each has three or four choices, exactly one correct, with feedback for every
choice, then the explanation, what good looks like, the results to expect,
links to learn more and a prompt for the cohort. The right answer sits in
different places and is not the longest choice every time, as it would be in a
real question set; emails shuffle the choices anyway, except for the "all of
the above" question, which keeps its order.
"""

from boosters.questions.pages import BoosterQuestionPage

from . import assets
from .articles import (
    FEED_FORWARD_PATH,
    FEEDBACK_NOTE_PATH,
    RECEIVING_PATH,
    SBI_PATH,
    SBI_SCREENCAST_PATH,
)
from .specs import PageSpec, document, page, stream


def choice(text: str, feedback: str, *, correct: bool = False) -> dict:
    return {"text": text, "is_correct": correct, "feedback": feedback}


def external(url: str, text: str) -> tuple[str, dict]:
    return ("external_link", {"link_url": url, "link_text": text})


def page_link(path: str) -> tuple[str, dict]:
    return ("page_link", {"page": page(path)})


WORKSHEET_LINK = ("document_link", {"document": document(assets.SBI_WORKSHEET)})
FEEDBACK_FALLACY = external(
    "https://hbr.org/2019/03/the-feedback-fallacy",
    "The feedback fallacy (Harvard Business Review)",
)


def question(
    slug: str,
    title: str,
    *,
    question: str,
    choices: list[dict],
    explanation: str,
    success: str,
    results: str,
    links: list[tuple[str, dict]],
    prompt: str,
    tags: tuple[str, ...],
    keep_choice_order: bool = False,
) -> PageSpec:
    return PageSpec(
        BoosterQuestionPage,
        slug=slug,
        title=title,
        tags=tags,
        fields={
            "question": question,
            "explanation": explanation,
            "success_looks_like": success,
            "expected_results": results,
            "resource_links": stream(*links),
            "discussion_prompt": prompt,
            "keep_choice_order": keep_choice_order,
        },
        # An explicit order: the editor's order is what each email shuffles.
        inlines={
            "choices": [
                {**row, "sort_order": index} for index, row in enumerate(choices)
            ]
        },
    )


WHERE_NOTES_GO = question(
    "where-a-feedback-note-belongs",
    "Where a feedback note belongs",
    question="<p>After a client call, you want to recognise how Ana summarised "
    "the open issues and agreed owners. You use Stride, the new performance "
    "system. <b>What is the best way to record it?</b></p>",
    choices=[
        choice(
            "Mention it in her annual review, with the other examples you've noted",
            "<p>By review time the details are gone, and the praise arrives "
            "months after it could have helped. Log it now.</p>",
        ),
        choice(
            "Thank her in the team chat, so everyone sees what she did well",
            "<p>Public thanks is welcome, but it says nothing about what to "
            "repeat and leaves no record for her goals. Do both.</p>",
        ),
        choice(
            "Log a note on her Stride profile: what she did and its effect, shared",
            "<p>Yes. A shared note is specific, timely and on the record, and "
            "Ana can read it before your one-to-one.</p>",
            correct=True,
        ),
        choice(
            "Save a private draft note in Stride and turn it into feedback later",
            "<p>A private draft helps nobody until it is shared: Ana never sees "
            "it, and “later” tends not to come.</p>",
        ),
    ],
    explanation="<p>Feedback works when it is <b>specific</b> and <b>close to "
    "the moment</b>. A shared note in Stride is both, and it builds the record "
    "the mid-year review draws on.</p>",
    success="<p>Within a day or two of something worth mentioning, you log a "
    "two-sentence note (what happened and what effect it had), link it to a "
    "goal and share it.</p>",
    results="<p>Reviews hold no surprises, people know what to keep doing, and "
    "you spend minutes, not hours, preparing one-to-ones.</p>",
    links=[
        page_link(FEEDBACK_NOTE_PATH),
        WORKSHEET_LINK,
        external(
            "https://www.ccl.org/articles/leading-effectively-articles/"
            "closing-the-gap-between-intent-vs-impact-sbii/",
            "Closing the gap between intent and impact (CCL)",
        ),
    ],
    prompt="What stops you from logging a note the same day? Share one trick "
    "that helps you do it.",
    tags=("performance system", "giving feedback"),
)

DESCRIBE_BEHAVIOUR = question(
    "describe-the-behaviour",
    "Describe the behaviour, not the person",
    question="<p>In Monday's stand-up, Ben cut Chen off twice while she "
    "explained the test plan. You want to raise it with him using SBI. "
    "<b>Which sentence describes the behaviour?</b></p>",
    choices=[
        choice(
            "“You weren't being much of a team player in Monday's stand-up.”",
            "<p>That is a judgement about Ben, not a behaviour. He can only "
            "argue with it; he can't act on it.</p>",
        ),
        choice(
            "“You interrupted Chen twice while she explained the test plan.”",
            "<p>Right. It is what a camera would have recorded, so Ben can "
            "recognise it without feeling labelled.</p>",
            correct=True,
        ),
        choice(
            "“You seemed annoyed with Chen while she was explaining the plan.”",
            "<p>That guesses at his feelings. He may not have been annoyed at "
            "all, and the conversation turns into a debate about that.</p>",
        ),
        choice(
            "“You always dominate our stand-ups when someone else is talking.”",
            "<p>“Always” invites a counter-example, and “dominate” is a "
            "label. Stick to one meeting and what he did.</p>",
        ),
    ],
    explanation="<p>In SBI, <b>behaviour</b> is observable: words and actions. "
    "Judgements, guesses about motives and “always/never” make people "
    "defend themselves instead of listening.</p>",
    success="<p>You describe one recent moment in neutral words, then ask "
    "“How did it look from your side?” before saying anything else.</p>",
    results="<p>Fewer arguments about whether something happened, and more "
    "conversations about what to do next time.</p>",
    links=[page_link(SBI_PATH), WORKSHEET_LINK, FEEDBACK_FALLACY],
    prompt="Share a judgement you have heard at work (“not proactive”, “too "
    "quiet”) and rewrite it as a behaviour.",
    tags=("sbi", "giving feedback"),
)

SKIP_THE_SANDWICH = question(
    "skip-the-feedback-sandwich",
    "Skip the feedback sandwich",
    question="<p>Marco's weekly reports have had errors in the totals three "
    "weeks running. He is otherwise a strong team member. <b>How do you open "
    "the conversation?</b></p>",
    choices=[
        choice(
            "“You're doing great work! Just one small thing: the reports could be "
            "tidier… but honestly, great work overall.”",
            "<p>The classic sandwich. The message gets lost between the "
            "compliments, and Marco learns to distrust your praise.</p>",
        ),
        choice(
            "“Please be more careful with your reports from now on. Accuracy "
            "really matters to this client.”",
            "<p>Too vague. Marco doesn't know which reports, what went wrong "
            "or what to do differently.</p>",
        ),
        choice(
            "Correct the totals yourself before each report goes out, and don't "
            "bring it up with Marco",
            "<p>It avoids an awkward moment now, but the errors continue and "
            "Marco never gets the chance to fix the cause.</p>",
        ),
        choice(
            "“The last three reports had totals that didn't match the sources, "
            "and the client queried them. What happened?”",
            "<p>Yes: a clear situation, behaviour and impact, then a question. "
            "Direct and respectful.</p>",
            correct=True,
        ),
    ],
    explanation="<p>Criticism wrapped in praise is confusing and makes future "
    "praise suspicious. Say the useful thing <b>plainly and kindly</b>, and "
    "keep praise for its own, specific moment.</p>",
    success="<p>You open with the facts and their effect, ask what happened, "
    "and agree a next step, such as a checklist before sending.</p>",
    results="<p>Problems get fixed at the root, and your praise is believed "
    "because it isn't used as padding.</p>",
    links=[page_link(SBI_PATH), FEEDBACK_FALLACY],
    prompt="Have you ever received a feedback sandwich? What did you take "
    "away from it?",
    tags=("sbi", "giving feedback"),
)

TIMING = question(
    "when-to-give-feedback",
    "When to give feedback",
    question="<p>On Wednesday, a new starter presented to a client and rushed "
    "through the pricing slide. You want your feedback to help before the next "
    "presentation. <b>What will make it most useful?</b></p>",
    choices=[
        choice(
            "Giving it within a day or two, while the details are fresh",
            "<p>That helps, and so do the other two: soon, in private and about "
            "one specific moment. The best answer is all of the above.</p>",
        ),
        choice(
            "Giving it in private, not in the team debrief",
            "<p>That helps, and so do the other two: feedback in front of peers "
            "puts people on the defensive, but timing and detail matter as "
            "well. The best answer is all of the above.</p>",
        ),
        choice(
            "Starting from the pricing slide itself, not from “you rush”",
            "<p>That helps, and so do the other two: a specific moment gives "
            "them something to work on, and it lands best soon and in private. "
            "The best answer is all of the above.</p>",
        ),
        choice(
            "All of the above",
            "<p>Yes. Soon enough that the moment is remembered, private enough "
            "that they can listen, and specific enough to act on.</p>",
            correct=True,
        ),
    ],
    explanation="<p>Feedback is most useful <b>soon</b> and <b>in "
    "private</b>: soon enough that the moment is remembered, private enough "
    "that the person can listen rather than save face.</p>",
    success="<p>You ask “Have you got ten minutes today or tomorrow?” and "
    "give the feedback with a specific example from Wednesday.</p>",
    results="<p>People improve before the next presentation, not after the "
    "next review.</p>",
    links=[page_link(SBI_SCREENCAST_PATH), WORKSHEET_LINK],
    prompt="In a hybrid team, where do you find a private moment for "
    "feedback? Share what works in your office.",
    tags=("giving feedback", "one-to-ones"),
    # "All of the above" must stay last; the others are shuffled per email.
    keep_choice_order=True,
)

WHEN_IT_STINGS = question(
    "when-feedback-stings",
    "When feedback stings",
    question="<p>Your manager says your project update email was “confusing "
    "and too long”. You spent an hour on it and think it was clear. <b>What "
    "is the best first response?</b></p>",
    choices=[
        choice(
            "Walk them through why you structured the email the way you did",
            "<p>Explaining right away sounds like “you're wrong”. Understand "
            "their view first; explain later if it still matters.</p>",
        ),
        choice(
            "“Everyone else on the project seemed to understand it fine.”",
            "<p>That is the truth trigger talking. Even if others understood, "
            "this reader didn't, and they may not be the only one.</p>",
        ),
        choice(
            "“Thanks for telling me. Can you show me where it lost you?”",
            "<p>Yes. You thank them and ask for an example, which turns a "
            "verdict into something you can work on.</p>",
            correct=True,
        ),
        choice(
            "Say nothing, and make your next update email half as long",
            "<p>Shorter may not be clearer. Without an example you are "
            "guessing what to change.</p>",
        ),
    ],
    explanation="<p>Feedback triggers a defensive reaction in most people. A "
    "<b>question</b> buys time and gets the detail you need to decide what, "
    "if anything, to change.</p>",
    success="<p>You notice the urge to defend yourself, say thanks, ask for "
    "one concrete example and agree when you will come back to it.</p>",
    results="<p>People keep giving you feedback, and you improve faster "
    "because you get the specifics.</p>",
    links=[
        page_link(RECEIVING_PATH),
        external(
            "https://hbr.org/2014/01/find-the-coaching-in-criticism",
            "Find the coaching in criticism (Harvard Business Review)",
        ),
    ],
    prompt="Which trigger do you notice most in yourself: truth, relationship "
    "or identity? What helps you get past it?",
    tags=("receiving feedback",),
)

ASK_FOR_ONE_THING = question(
    "ask-for-feedback-people-can-give",
    "Ask for feedback people can give",
    question="<p>You want to improve how you run client demos. <b>Which "
    "request is most likely to get you useful feedback?</b></p>",
    choices=[
        choice(
            "“Do you have any feedback for me on how the demo went today?”",
            "<p>Too open. Most people answer “No, all good!” because it is "
            "the easiest reply.</p>",
        ),
        choice(
            "“What's one thing I could do differently in next week's demo?”",
            "<p>Right. It is specific, forward-looking and small enough that "
            "people can answer honestly in a minute.</p>",
            correct=True,
        ),
        choice(
            "“Was the demo okay? Be honest, I really want to get better at this.”",
            "<p>A yes/no question invites a polite yes, however honest you ask "
            "them to be, and you learn nothing you can use.</p>",
        ),
    ],
    explanation="<p>Asking for <b>one thing</b>, about a <b>specific</b> "
    "situation and <b>the next time</b>, makes feedback easy and safe to "
    "give.</p>",
    success="<p>After each demo, you ask a colleague for one thing to do "
    "differently, note it, and try it in the next demo.</p>",
    results="<p>A steady flow of small, usable suggestions, and colleagues who "
    "see you as open to feedback.</p>",
    links=[page_link(RECEIVING_PATH), FEEDBACK_FALLACY],
    prompt="What is the most useful piece of feedback you have ever asked "
    "for? How did you ask?",
    tags=("receiving feedback", "feed-forward"),
)

FEED_FORWARD_AFTER_A_MISS = question(
    "feed-forward-after-a-missed-deadline",
    "Feed-forward after a missed deadline",
    question="<p>Dara's team missed a release date because a risk was flagged "
    "only the day before. The release is out now. <b>Which question helps "
    "most in your one-to-one with Dara?</b></p>",
    choices=[
        choice(
            "“What would help you spot a risk like this a week earlier on the "
            "next release?”",
            "<p>Yes. It is forward-looking and invites Dara's own ideas, so "
            "she is more likely to act on them.</p>",
            correct=True,
        ),
        choice(
            "“Why didn't you flag this risk earlier, when we still had time to "
            "act on it?”",
            "<p>“Why didn't you” sounds like blame and gets a defence, not a plan.</p>",
        ),
        choice(
            "“Let's go through everything that went wrong on this release, day "
            "by day.”",
            "<p>A full post-mortem has its place, but in a one-to-one it "
            "keeps the conversation in the past.</p>",
        ),
        choice(
            "“From now on, could you send me a short risk report every Friday, "
            "before each release?”",
            "<p>It may help, but it is your fix, not Dara's. Ask first, then "
            "offer your idea as an option.</p>",
        ),
    ],
    explanation="<p><b>Feed-forward</b> focuses on the next attempt. People "
    "defend their past but are curious about their future, and they act on "
    "ideas they helped shape.</p>",
    success="<p>You ask about next time, let Dara suggest first, add your "
    "ideas as options and agree one step you will check at the next "
    "one-to-one.</p>",
    results="<p>Fewer repeat problems, and team members who bring risks to you "
    "early because talking about them leads somewhere useful.</p>",
    links=[
        page_link(FEED_FORWARD_PATH),
        external(
            "https://marshallgoldsmith.com/articles/try-feedforward-instead-feedback/",
            "Try feedforward instead of feedback (Marshall Goldsmith)",
        ),
    ],
    prompt="Share a forward-looking question that has worked for you after "
    "something went wrong.",
    tags=("coaching", "feed-forward"),
)

ASK_BEFORE_ADVISING = question(
    "ask-before-you-advise",
    "Ask before you advise",
    question="<p>Chen tells you a stakeholder keeps changing requirements "
    "late. You have handled this many times. <b>What is the best first "
    "move in a coaching conversation?</b></p>",
    choices=[
        choice(
            "Tell her exactly how you handled a stakeholder like this before",
            "<p>Quick, but it solves this case only, and Chen learns to bring "
            "you every problem.</p>",
        ),
        choice(
            "Offer to speak to the stakeholder yourself, to take the pressure off",
            "<p>Sometimes needed, but as a first move it takes the problem "
            "away from Chen, and her confidence with it.</p>",
        ),
        choice(
            "Ask “What have you tried so far, and what happened?”",
            "<p>Right. You learn where Chen is, and she often finds the next "
            "step herself while answering.</p>",
            correct=True,
        ),
    ],
    explanation="<p>Coaching starts with <b>questions</b>: they show what the "
    "person already knows and keep ownership with them. Advice is still "
    "welcome, after you have listened.</p>",
    success="<p>You ask two or three open questions, summarise what you heard, "
    "and only then offer an idea, as an option.</p>",
    results="<p>Team members who solve more on their own, and one-to-ones "
    "where you listen more than you talk.</p>",
    links=[page_link(FEED_FORWARD_PATH), page_link(SBI_PATH)],
    prompt="What is your favourite opening question for a coaching conversation?",
    tags=("coaching",),
)


# Deliberately confusing: the wrong answer borrows the word "specific", so it
# looks right at a glance. The analytics list should flag it (a wrong choice
# picked more often than the right one) and the simulation plays that out.
PRAISE_THAT_HELPS = question(
    "praise-that-helps",
    "Praise that helps",
    question="<p>Priya ran a client workshop that went well. You want to give "
    "her specific, positive feedback. <b>Which is the most specific "
    "praise?</b></p>",
    choices=[
        choice(
            "“Really specific and engaging workshop, well done!”",
            "<p>It sounds specific because it says so, but it names nothing she "
            "did. Praise is specific when it describes a behaviour and its "
            "effect.</p>",
        ),
        choice(
            "“You're a natural with clients: everyone in the room could see how "
            "much they enjoyed it.”",
            "<p>Kind, but it praises a trait, not something she can repeat on "
            "purpose.</p>",
        ),
        choice(
            "“When you paused after each question, the quiet people in the room "
            "started talking.”",
            "<p>Right. It names one thing she did and what it caused, so she "
            "knows exactly what to repeat next time.</p>",
            correct=True,
        ),
        choice(
            "Say nothing this time: she can tell for herself that it went well",
            "<p>People often don't know which of their choices worked. Saying "
            "it helps them do it again.</p>",
        ),
    ],
    explanation="<p>Specific praise follows the same SBI pattern as "
    "corrective feedback: the <b>situation</b>, the <b>behaviour</b> and its "
    "<b>impact</b>. Words like “specific” or “great” don't make it so.</p>",
    success="<p>You name one moment and one behaviour, and say what it changed "
    "for the client or the team.</p>",
    results="<p>People repeat what works on purpose, and trust your praise "
    "because it is precise.</p>",
    links=[page_link(SBI_PATH), WORKSHEET_LINK],
    prompt="Rewrite a piece of general praise you gave recently so it names a "
    "behaviour and its effect.",
    tags=("sbi", "giving feedback"),
)
