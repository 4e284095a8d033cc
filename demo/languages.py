"""The demo in several languages (P12): the hub's locales, the São Paulo
cohort reading in Brazilian Portuguese, and Portuguese translations of the
booster questions it receives first.

Translations are made the way an editor's "Translate this page" makes them
(a copy in the locale sharing the page's translation key, its choices too),
then written in Portuguese and published. Keyed like the rest of the demo:
running it again adds only what is missing and leaves an editor's
translations alone. Pages without a Portuguese translation reach São Paulo
in English (the fallback), and the "Missing translations" report lists them.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale, Page

from boosters.models import Cohort

LANGUAGE = "pt-br"
COHORT_SLUG = "sao-paulo"  # demo.checkins creates it; here it reads Portuguese


def choice_pt(text: str, feedback: str) -> tuple[str, str]:
    return (text, feedback)


# slug → Portuguese fields, and the choices in the editor's order.
TRANSLATIONS = {
    "describe-the-behaviour": {
        "title": "Descreva o comportamento, não a pessoa",
        "slug": "descreva-o-comportamento",
        "question": "<p>Na reunião diária de segunda-feira, Ben interrompeu Chen "
        "duas vezes enquanto ela explicava o plano de testes. Você quer falar "
        "com ele usando o modelo SBI. <b>Qual frase descreve o "
        "comportamento?</b></p>",
        "explanation": "<p>No SBI, o <b>comportamento</b> é observável: palavras "
        "e ações. Julgamentos, suposições sobre intenções e “sempre/nunca” "
        "fazem as pessoas se defenderem em vez de ouvir.</p>",
        "success_looks_like": "<p>Você descreve um momento recente com palavras "
        "neutras e pergunta “Como você viu essa situação?” antes de dizer "
        "qualquer outra coisa.</p>",
        "expected_results": "<p>Menos discussões sobre se algo aconteceu e mais "
        "conversas sobre o que fazer da próxima vez.</p>",
        "discussion_prompt": "Compartilhe um julgamento que você já ouviu no "
        "trabalho (“pouco proativo”, “calado demais”) e reescreva-o como um "
        "comportamento.",
        "choices": [
            choice_pt(
                "“Você não agiu como alguém do time na reunião de segunda.”",
                "<p>Isso é um julgamento sobre o Ben, não um comportamento. Ele "
                "só pode discordar; não tem o que mudar.</p>",
            ),
            choice_pt(
                "“Você interrompeu a Chen duas vezes enquanto ela explicava o "
                "plano de testes.”",
                "<p>Isso mesmo. É o que uma câmera teria gravado, então o Ben "
                "reconhece a situação sem se sentir rotulado.</p>",
            ),
            choice_pt(
                "“Você pareceu irritado com a Chen enquanto ela explicava o plano.”",
                "<p>Isso é um palpite sobre o que ele sentia. Talvez ele nem "
                "estivesse irritado, e a conversa vira um debate sobre isso.</p>",
            ),
            choice_pt(
                "“Você sempre domina as nossas reuniões quando outra pessoa "
                "está falando.”",
                "<p>“Sempre” convida a um contraexemplo, e “domina” é um rótulo. "
                "Fique em uma reunião e no que ele fez.</p>",
            ),
        ],
    },
    "praise-that-helps": {
        "title": "Elogios que ajudam",
        "slug": "elogios-que-ajudam",
        "question": "<p>Priya conduziu um workshop com um cliente que foi muito "
        "bem. Você quer dar a ela um feedback positivo e específico. <b>Qual é "
        "o elogio mais específico?</b></p>",
        "explanation": "<p>O elogio específico segue o mesmo padrão SBI do "
        "feedback corretivo: a <b>situação</b>, o <b>comportamento</b> e o seu "
        "<b>impacto</b>. Palavras como “específico” ou “ótimo” não o tornam "
        "específico.</p>",
        "success_looks_like": "<p>Você cita um momento e um comportamento, e diz "
        "o que ele mudou para o cliente ou para o time.</p>",
        "expected_results": "<p>As pessoas repetem de propósito o que funciona e "
        "confiam nos seus elogios, porque são precisos.</p>",
        "discussion_prompt": "Reescreva um elogio genérico que você fez "
        "recentemente para que ele cite um comportamento e o seu efeito.",
        "choices": [
            choice_pt(
                "“Workshop muito específico e envolvente, parabéns!”",
                "<p>Parece específico porque diz que é, mas não cita nada do que "
                "ela fez. Um elogio é específico quando descreve um "
                "comportamento e o seu efeito.</p>",
            ),
            choice_pt(
                "“Você leva jeito com clientes: todo mundo na sala viu o quanto "
                "eles gostaram.”",
                "<p>É gentil, mas elogia uma característica, não algo que ela "
                "possa repetir de propósito.</p>",
            ),
            choice_pt(
                "“Quando você fez uma pausa depois de cada pergunta, as pessoas "
                "mais caladas da sala começaram a falar.”",
                "<p>Isso mesmo. Cita uma coisa que ela fez e o que isso causou, "
                "então ela sabe exatamente o que repetir da próxima vez.</p>",
            ),
            choice_pt(
                "Não dizer nada desta vez: ela mesma percebe que foi bem",
                "<p>Muitas vezes as pessoas não sabem quais das suas escolhas "
                "funcionaram. Dizer isso ajuda a repetir.</p>",
            ),
        ],
    },
}


@dataclass
class DemoLanguagesResult:
    locales_created: int = 0
    translations_created: list[str] = field(default_factory=list)


def _locales_ensure(result: DemoLanguagesResult) -> dict[str, Locale]:
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code], created = Locale.objects.get_or_create(language_code=code)
        result.locales_created += created
    return locales


def _translation_ensure(*, page, locale: Locale, spec: dict) -> bool:
    """Translate ``page`` into ``locale`` with ``spec``'s words, unless a
    translation exists (an editor's is left alone)."""
    if page.get_translation_or_none(locale) is not None:
        return False
    translated = page.copy_for_translation(locale, copy_parents=True).specific
    for name, value in spec.items():
        if name != "choices":
            setattr(translated, name, value)
    choices = list(translated.choices.all())
    for choice, (text, feedback) in zip(choices, spec["choices"], strict=True):
        choice.text, choice.feedback = text, feedback
        choice.save()
    translated.save()
    translated.save_revision().publish()
    return True


def demo_languages_ensure() -> DemoLanguagesResult:
    """Locales, the São Paulo cohort in Portuguese and the Portuguese
    translations of its first booster questions, whichever are missing."""
    result = DemoLanguagesResult()
    with transaction.atomic():
        locales = _locales_ensure(result)
        Cohort.objects.filter(slug=COHORT_SLUG, language="en").update(language=LANGUAGE)
        default = locales[settings.LANGUAGE_CODE]
        for slug, spec in TRANSLATIONS.items():
            page = (
                Page.objects.filter(slug=slug, locale=default, live=True)
                .specific()
                .first()
            )
            if page is not None and _translation_ensure(
                page=page, locale=locales[LANGUAGE], spec=spec
            ):
                result.translations_created.append(slug)
    return result
