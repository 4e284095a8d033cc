"""The Portuguese (Brazil) words of the demo pages the São Paulo cohort
receives: every step of the demo's booster program, and the discussions and
recording its live sessions link to.

Keyed by the English page's slug. Plain fields are set as given; ``texts``
maps each English string of the page's StreamFields (paragraphs, callouts,
table cells, link texts, agenda items...) to its Portuguese; ``choices`` are
(text, feedback) in the editor's order and ``chapters`` chapter titles in
order. Names, links, images and timestamps stay the English page's.
"""


def choice_pt(text: str, feedback: str) -> tuple[str, str]:
    return (text, feedback)


def english_source(title: str) -> str:
    """A link to an English-language source, saying so."""
    return f"{title}, em inglês"


HBR_FALLACY = "The feedback fallacy (Harvard Business Review)"
HBR_COACHING = "Find the coaching in criticism (Harvard Business Review)"
GOLDSMITH = "Try feedforward instead of feedback (Marshall Goldsmith)"

ARTICLES = {
    "the-sbi-model": {
        "title": "Feedback que as pessoas conseguem usar: o modelo SBI",
        "slug": "o-modelo-sbi",
        "summary": "Situação, Comportamento, Impacto: um jeito de dar feedback "
        "em três partes, específico, justo e fácil de colocar em prática.",
        "hero_alt_text": "Três balões de fala lado a lado: S de Situação, B de "
        "Behaviour (comportamento) e I de Impacto.",
        "texts": {
            "<p>Most feedback fails for a simple reason: the other person can't "
            "tell what exactly to keep doing or change. <i>“Great job”</i> and "
            "<i>“You need to be more proactive”</i> both leave them guessing. "
            "The SBI model fixes that in three short parts.</p>": "<p>A maior "
            "parte dos feedbacks não funciona por um motivo simples: a outra "
            "pessoa não sabe exatamente o que continuar fazendo ou o que mudar. "
            "<i>“Bom trabalho”</i> e <i>“Você precisa ser mais proativo”</i> "
            "deixam a pessoa tentando adivinhar. O modelo SBI resolve isso em "
            "três partes curtas.</p>",
            "Situation, Behaviour, Impact": "Situação, Comportamento, Impacto",
            "<ul><li><b>Situation:</b> when and where it happened. <i>“In "
            "Monday's stand-up…”</i></li><li><b>Behaviour:</b> what the person "
            "said or did, as a camera would have recorded it. <i>“…you "
            "interrupted Chen twice while she explained the test plan.”</i></li>"
            "<li><b>Impact:</b> the effect it had on you, the team or the work. "
            "<i>“She stopped explaining, and we missed two test cases that we "
            "found later.”</i></li></ul><p>Then stop talking and ask how it "
            "looked from their side.</p>": "<ul><li><b>Situação:</b> quando e "
            "onde aconteceu. <i>“Na reunião diária de segunda-feira…”</i></li>"
            "<li><b>Comportamento:</b> o que a pessoa disse ou fez, como uma "
            "câmera teria gravado. <i>“…você interrompeu a Chen duas vezes "
            "enquanto ela explicava o plano de testes.”</i></li>"
            "<li><b>Impacto:</b> o efeito que isso teve em você, no time ou no "
            "trabalho. <i>“Ela parou de explicar, e deixamos passar dois casos "
            "de teste que só encontramos depois.”</i></li></ul><p>Depois, pare "
            "de falar e pergunte como a pessoa viu a situação.</p>",
            "Two colleagues at a table, one speaking and one listening.": "Duas "
            "pessoas colegas de trabalho à mesa: uma fala e a outra escuta.",
            "SBI works as well for praise as for criticism: specific praise "
            "tells people what to repeat.": "O SBI funciona tão bem para elogios "
            "quanto para críticas: um elogio específico mostra o que vale a "
            "pena repetir.",
            "Behaviour is what a camera would record": "Comportamento é o que "
            "uma câmera gravaria",
            "<p>“You were rude” is a judgement; “You replied to the client's "
            "question with one word” is behaviour. People can argue with a "
            "judgement, but rarely with a fact they recognise.</p>": "<p>“Você "
            "foi grosseiro” é um julgamento; “Você respondeu à pergunta do "
            "cliente com uma palavra só” é um comportamento. As pessoas "
            "discutem um julgamento, mas raramente um fato que reconhecem.</p>",
            "Skip the feedback sandwich": "Deixe de lado o sanduíche de feedback",
            "<p>Wrapping criticism between two compliments teaches people to "
            "brace for bad news whenever you praise them. Say the useful thing "
            "plainly and kindly.</p>": "<p>Colocar a crítica entre dois elogios "
            "ensina as pessoas a esperar uma má notícia sempre que você as "
            "elogia. Diga o que importa de forma direta e gentil.</p>",
            "SBI at a glance": "O SBI em resumo",
            "What each part of SBI answers": "O que cada parte do SBI responde",
            "Part": "Parte",
            "Ask yourself": "Pergunte a si mesmo",
            "Sounds like": "Soa assim",
            "Situation": "Situação",
            "Would they know which moment I mean?": "A pessoa saberia de que "
            "momento estou falando?",
            "<p><i>In Tuesday's call with Acme…</i></p>": "<p><i>Na call de "
            "terça-feira com a Acme…</i></p>",
            "Behaviour": "Comportamento",
            "Could a camera have recorded it?": "Uma câmera poderia ter gravado?",
            "<p><i>…you summarised the three open issues…</i></p>": "<p><i>…você "
            "resumiu as três pendências em aberto…</i></p>",
            "Impact": "Impacto",
            "Can they check the effect?": "A pessoa consegue verificar o efeito?",
            "<p><i>…and the client needed no follow-up emails.</i></p>": "<p><i>"
            "…e o cliente não precisou de nenhum e-mail de acompanhamento."
            "</i></p>",
            "Preparing with the SBI template": "Preparando-se com o modelo SBI",
            "A 27-second walk through the SBI template in Stride, the new "
            "performance system.": "Um tour de 27 segundos pelo modelo SBI no "
            "Stride, o novo sistema de desempenho (em inglês).",
            "Keep the situation short": "Seja breve na situação",
            "<p>A day and a meeting are enough. A long back-story sounds like "
            "you have been building a case.</p>": "<p>Um dia e uma reunião "
            "bastam. Um histórico longo dá a impressão de que você vinha "
            "montando um dossiê.</p>",
            "I used to save feedback for the annual review. Now I use SBI the "
            "same week, and people actually change what they do.": "Eu guardava "
            "o feedback para a avaliação anual. Agora uso o SBI na mesma "
            "semana, e as pessoas realmente mudam o que fazem.",
            "Illustration: Learning Hub": "Ilustração: Learning Hub",
            "Operations manager, spring cohort": "Gerente de operações, turma "
            "do primeiro semestre",
            "LeeAnn Renninger on the four parts of feedback that lands (4 "
            "minutes).": "LeeAnn Renninger fala sobre as quatro partes de um "
            "feedback que funciona (4 minutos, em inglês).",
            "Try this: one SBI before Friday": "Experimente: um SBI até sexta",
            "<p>Pick one moment from this week that went well. Write it as one "
            "sentence each for Situation, Behaviour and Impact, then say it to "
            "the person.</p>": "<p>Escolha um momento desta semana que deu "
            "certo. Escreva uma frase para a Situação, uma para o Comportamento "
            "e uma para o Impacto, e depois diga isso à pessoa.</p>",
            "Which part was hardest to put into words, and why?": "Qual parte "
            "foi mais difícil de colocar em palavras, e por quê?",
            "Key takeaways": "Pontos principais",
            "Name one specific moment, not a pattern.": "Cite um momento "
            "específico, não um padrão.",
            "Describe behaviour a camera could record.": "Descreva um "
            "comportamento que uma câmera poderia gravar.",
            "Say what effect it had, then ask for their view.": "Diga qual foi "
            "o efeito e depois pergunte a visão da pessoa.",
            "Go further": "Para saber mais",
            "Closing the gap between intent and impact (Center for Creative "
            "Leadership)": english_source(
                "Closing the gap between intent and impact (Center for Creative "
                "Leadership)"
            ),
        },
    },
    "receiving-feedback-without-defensiveness": {
        "title": "Receber feedback sem ficar na defensiva",
        "slug": "receber-feedback-sem-ficar-na-defensiva",
        "summary": "Um feedback que incomoda continua sendo informação. Três "
        "gatilhos explicam por que ele dói, e uma pergunta dá a você tempo para "
        "aproveitá-lo.",
        "hero_alt_text": "Duas pessoas colegas de trabalho à mesa: uma fala "
        "enquanto a outra escuta.",
        "texts": {
            "<p>Even well-given feedback can feel like an attack. The reaction "
            "is normal; what matters is the next ten seconds. Researchers "
            "Douglas Stone and Sheila Heen describe three triggers that set it "
            "off. Naming yours is the first step to hearing what is useful."
            "</p>": "<p>Mesmo um feedback bem dado pode parecer um ataque. A "
            "reação é normal; o que importa são os dez segundos seguintes. Os "
            "pesquisadores Douglas Stone e Sheila Heen descrevem três gatilhos "
            "que disparam essa reação. Dar nome ao seu é o primeiro passo para "
            "ouvir o que é útil.</p>",
            "Which trigger is it?": "Qual é o gatilho?",
            "Truth trigger: “That's just wrong.”": "Gatilho da verdade: “Isso "
            "simplesmente não é verdade.”",
            "<p>You think the feedback is inaccurate. Ask for an example before "
            "you judge it: the part that is right is often in the details.</p>": "<p>Você acha que o feedback está errado. Peça um exemplo antes de "
            "julgar: a parte que está certa costuma estar nos detalhes.</p>",
            "Relationship trigger: “Who are you to tell me?”": "Gatilho da "
            "relação: “Quem é você para me dizer isso?”",
            "<p>Your reaction is about the giver, not the message. Separate the "
            "two: would you take it seriously from someone else?</p>": "<p>Sua "
            "reação é sobre quem dá o feedback, não sobre a mensagem. Separe as "
            "duas coisas: você levaria a sério se viesse de outra pessoa?</p>",
            "Identity trigger: “I'm hopeless.”": "Gatilho da identidade: “Eu não "
            "tenho jeito.”",
            "<p>The feedback shakes how you see yourself. Keep it to its size: "
            "one meeting, one skill, something you can practise.</p>": "<p>O "
            "feedback abala a forma como você se vê. Coloque-o no tamanho "
            "certo: uma reunião, uma habilidade, algo que você pode praticar."
            "</p>",
            "Buy time with a question": "Ganhe tempo com uma pergunta",
            "<p>You don't have to agree or disagree on the spot. Instead:</p>"
            "<ol><li>Thank them for raising it.</li><li>Ask for one concrete "
            "example: <i>“Can you show me where that happened?”</i></li><li>Say "
            "what you will do with it, even if that is <i>“Let me think about "
            "it and come back to you on Thursday.”</i></li></ol>": "<p>Você não "
            "precisa concordar nem discordar na hora. Em vez disso:</p>"
            "<ol><li>Agradeça por a pessoa ter falado.</li><li>Peça um exemplo "
            "concreto: <i>“Você pode me mostrar onde isso aconteceu?”</i></li>"
            "<li>Diga o que você vai fazer com isso, mesmo que seja <i>“Deixa "
            "eu pensar um pouco e te dou um retorno na quinta.”</i></li></ol>",
            "Thank them for the effort, not for agreeing": "Agradeça pelo "
            "esforço, não por concordar",
            "<p>Giving feedback is awkward. A plain “Thanks for telling me” "
            "makes the next piece of feedback more likely, whether or not you "
            "end up agreeing.</p>": "<p>Dar feedback é desconfortável. Um "
            "simples “Obrigado por me falar” torna o próximo feedback mais "
            "provável, concordando você ou não no fim.</p>",
            "Don't debate it on the spot": "Não discuta na hora",
            "<p>Explaining why you did it feels helpful but sounds like “you're "
            "wrong”. Understand first; explain later, if it still matters.</p>": "<p>Explicar por que você fez aquilo parece ajudar, mas soa como "
            "“você está errado”. Primeiro entenda; explique depois, se ainda "
            "fizer diferença.</p>",
            "Asking “Can you give me an example?” changed everything. Half the "
            "time, the example showed me something I had honestly not "
            "noticed.": "Perguntar “Você pode me dar um exemplo?” mudou tudo. "
            "Metade das vezes, o exemplo me mostrou algo que eu sinceramente "
            "não tinha percebido.",
            "Customer success lead, São Paulo": "Líder de customer success, São Paulo",
            "Try this: ask for one thing": "Experimente: peça uma coisa só",
            "<p>Before your next one-to-one, ask your manager or a peer: "
            "<i>“What is one thing I could do differently in next week's client "
            "demo?”</i> Listen, take a note and thank them. Don't explain.</p>": "<p>Antes da sua próxima reunião individual, pergunte à sua "
            "liderança ou a um colega: <i>“O que eu poderia fazer diferente na "
            "demonstração para o cliente na semana que vem?”</i> Escute, anote "
            "e agradeça. Não se explique.</p>",
            "Which trigger, if any, did you feel? What did you do with it?": "Você sentiu algum gatilho? Qual? O que fez com ele?",
            "Feeling defensive is normal; name the trigger.": "Ficar na "
            "defensiva é normal; dê nome ao gatilho.",
            "Ask for an example before you agree or disagree.": "Peça um exemplo "
            "antes de concordar ou discordar.",
            "Thank people for feedback, so they keep giving it.": "Agradeça o "
            "feedback, para que as pessoas continuem dando.",
            "Keep practising": "Continue praticando",
            "Go further": "Para saber mais",
            HBR_COACHING: english_source(HBR_COACHING),
        },
    },
    "feed-forward": {
        "title": "Feedforward: oriente a próxima vez, não a última",
        "slug": "feedforward",
        "summary": "Ninguém consegue mudar a semana passada. O feedforward "
        "transforma uma conversa sobre um erro em um plano para a próxima "
        "tentativa.",
        "hero_alt_text": "Uma pessoa subindo degraus coloridos em direção a "
        "uma bandeira.",
        "texts": {
            "<p>Feedback looks back; <b>feed-forward</b>, a term coach Marshall "
            "Goldsmith made popular, looks ahead. Instead of dissecting what "
            "went wrong, you agree on what the next attempt will look like. "
            "People defend their past; they are curious about their future."
            "</p>": "<p>O feedback olha para trás; o <b>feedforward</b>, termo "
            "popularizado pelo coach Marshall Goldsmith, olha para a frente. Em "
            "vez de dissecar o que deu errado, vocês combinam como será a "
            "próxima tentativa. As pessoas defendem o passado, mas têm "
            "curiosidade sobre o futuro.</p>",
            "Questions that move things on": "Perguntas que fazem a conversa avançar",
            "<ul><li><i>What would you like to be different next time?</i></li>"
            "<li><i>What is one thing you could try on the next release?</i>"
            "</li><li><i>What would help you spot the risk a week earlier?</i>"
            "</li><li><i>How can I help?</i></li></ul>": "<ul><li><i>O que você "
            "gostaria que fosse diferente da próxima vez?</i></li><li><i>O que "
            "você poderia experimentar na próxima entrega?</i></li><li><i>O que "
            "ajudaria você a identificar o risco uma semana antes?</i></li>"
            "<li><i>Como eu posso ajudar?</i></li></ul>",
            "Ask, then offer": "Pergunte primeiro, sugira depois",
            "<p>Let the other person suggest first. Ideas they come up with "
            "themselves are the ones they act on. Offer yours after, as "
            "options, not instructions.</p>": "<p>Deixe a outra pessoa sugerir "
            "primeiro. As ideias que ela mesma tem são as que ela coloca em "
            "prática. Ofereça as suas depois, como opções, não como ordens.</p>",
            "A 25-minute one-to-one": "Uma reunião individual de 25 minutos",
            "A one-to-one with room for feed-forward": "Uma reunião individual "
            "com espaço para o feedforward",
            "Part": "Parte",
            "Minutes": "Minutos",
            "A question to ask": "Uma pergunta para fazer",
            "Check in": "Abertura",
            "<p><i>How is this week going?</i></p>": "<p><i>Como está indo esta "
            "semana?</i></p>",
            "Their agenda": "A pauta da pessoa",
            "<p><i>What do you want to cover?</i></p>": "<p><i>Sobre o que você "
            "quer conversar?</i></p>",
            "Feedback and feed-forward": "Feedback e feedforward",
            "<p><i>What will you try next time?</i></p>": "<p><i>O que você vai "
            "experimentar da próxima vez?</i></p>",
            "Next steps": "Próximos passos",
            "<p><i>What will each of us do by next week?</i></p>": "<p><i>O que "
            "cada um de nós vai fazer até a semana que vem?</i></p>",
            "A calendar with the 16th circled, next to a clock.": "Um calendário "
            "com o dia 16 circulado, ao lado de um relógio.",
            "Put feed-forward on the agenda of the next one-to-one, not at the "
            "end of the year.": "Coloque o feedforward na pauta da próxima "
            "reunião individual, não no fim do ano.",
            "Try this: turn one miss into a next step": "Experimente: transforme "
            "um erro em um próximo passo",
            "<p>Think of something that didn't go to plan for someone in your "
            "team. In your next one-to-one, ask only forward-looking questions "
            "about it, and note the one step they choose.</p>": "<p>Pense em "
            "algo que não saiu como planejado para alguém do seu time. Na "
            "próxima reunião individual, faça só perguntas voltadas para a "
            "frente sobre isso e anote o passo que a pessoa escolher.</p>",
            "How did the conversation feel compared with going through what "
            "went wrong?": "Como foi a conversa, em comparação com repassar o "
            "que deu errado?",
            "A clipboard checklist with three items ticked.": "Uma prancheta com "
            "uma lista de verificação e três itens marcados.",
            "End with one agreed step each, written down.": "Termine com um "
            "passo combinado para cada um, por escrito.",
            "Remember": "Lembre-se",
            "Talk about the next attempt, not the last one.": "Fale sobre a "
            "próxima tentativa, não sobre a última.",
            "Ask for their ideas before offering yours.": "Peça as ideias da "
            "pessoa antes de oferecer as suas.",
            "Agree one concrete step and check it next time.": "Combine um passo "
            "concreto e retome-o na próxima vez.",
            "Related": "Relacionados",
            GOLDSMITH: english_source(GOLDSMITH),
        },
    },
}

SBI_TAKEAWAYS = {
    "Situation: one specific moment you both remember.": "Situação: um "
    "momento específico de que vocês dois se lembram.",
    "Behaviour: what a camera would have recorded.": "Comportamento: o que uma "
    "câmera teria gravado.",
    "Impact: the effect on people or work, then ask for their view.": "Impacto: "
    "o efeito nas pessoas ou no trabalho; depois, pergunte a visão da pessoa.",
}
SBI_CHAPTERS = [
    "Abra o modelo SBI",
    "Situação: quando e onde",
    "Comportamento: o que você viu e ouviu",
    "Impacto: o efeito que teve",
    "Acrescente uma pergunta de abertura",
    "Anexe à sua próxima reunião individual",
]

SCREENCASTS = {
    "preparing-with-the-sbi-template": {
        "title": "Preparando uma conversa de feedback com o modelo SBI",
        "slug": "preparando-com-o-modelo-sbi",
        "summary": "Use o modelo SBI do Stride para planejar uma conversa de "
        "feedback em cinco minutos: situação, comportamento, impacto e uma "
        "pergunta de abertura. O vídeo é em inglês.",
        "texts": {**SBI_TAKEAWAYS, "Print it instead": "Prefere imprimir?"},
        "chapters": SBI_CHAPTERS,
    },
    "logging-a-feedback-note": {
        "title": "Registrando uma nota de feedback no sistema de desempenho",
        "slug": "registrando-uma-nota-de-feedback",
        "summary": "Como registrar uma nota de feedback no Stride enquanto o "
        "momento ainda está fresco, vinculá-la a uma meta e compartilhá-la "
        "antes da sua reunião individual. O vídeo é em inglês.",
        "texts": {
            "Write the note within a day or two, while details are fresh.": "Escreva a nota em um ou dois dias, enquanto os detalhes estão "
            "frescos.",
            "Describe what you observed and its impact, not a judgement.": "Descreva o que você observou e o impacto, não um julgamento.",
            "Share the note so the person can read it before you meet.": "Compartilhe a nota para que a pessoa possa lê-la antes da conversa.",
            "<p>Notes you log during the year become the evidence for the "
            "mid-year and annual reviews, so nobody is surprised by what comes "
            "up there.</p>": "<p>As notas que você registra ao longo do ano "
            "viram a base das avaliações semestral e anual, e assim ninguém é "
            "pego de surpresa pelo que aparece nelas.</p>",
        },
        "chapters": [
            "Abra o seu time",
            "Escolha “Add feedback note”",
            "Descreva o que você observou",
            "Acrescente o impacto e vincule uma meta",
            "Escolha quem pode ver e salve",
            "Encontre a nota antes da sua reunião individual",
        ],
    },
}

QUESTIONS = {
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
        "texts": {HBR_FALLACY: english_source(HBR_FALLACY)},
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
    "skip-the-feedback-sandwich": {
        "title": "Deixe de lado o sanduíche de feedback",
        "slug": "deixe-de-lado-o-sanduiche-de-feedback",
        "question": "<p>Os relatórios semanais do Marco vêm com erros nos "
        "totais há três semanas seguidas. Fora isso, ele é um ótimo membro do "
        "time. <b>Como você começa a conversa?</b></p>",
        "explanation": "<p>Uma crítica embrulhada em elogios confunde e deixa os "
        "próximos elogios sob suspeita. Diga o que é útil de forma <b>direta e "
        "gentil</b>, e guarde o elogio para um momento próprio e "
        "específico.</p>",
        "success_looks_like": "<p>Você começa pelos fatos e pelo efeito deles, "
        "pergunta o que aconteceu e combina um próximo passo, como uma lista "
        "de verificação antes do envio.</p>",
        "expected_results": "<p>Os problemas são resolvidos na raiz, e as "
        "pessoas acreditam nos seus elogios porque eles não servem de "
        "recheio.</p>",
        "discussion_prompt": "Você já recebeu um sanduíche de feedback? O que "
        "ficou para você dessa conversa?",
        "texts": {HBR_FALLACY: english_source(HBR_FALLACY)},
        "choices": [
            choice_pt(
                "“Você está fazendo um ótimo trabalho! Só um detalhe: os "
                "relatórios poderiam ser mais caprichados… mas, sério, ótimo "
                "trabalho no geral.”",
                "<p>O sanduíche clássico. A mensagem se perde entre os elogios, "
                "e o Marco aprende a desconfiar quando você o elogia.</p>",
            ),
            choice_pt(
                "“Por favor, tenha mais cuidado com os relatórios daqui para a "
                "frente. Precisão é muito importante para este cliente.”",
                "<p>Vago demais. O Marco não sabe de quais relatórios você está "
                "falando, o que deu errado nem o que fazer diferente.</p>",
            ),
            choice_pt(
                "Corrigir você mesmo os totais antes de cada envio e não tocar "
                "no assunto com o Marco",
                "<p>Evita um momento constrangedor agora, mas os erros continuam "
                "e o Marco nunca tem a chance de corrigir a causa.</p>",
            ),
            choice_pt(
                "“Os três últimos relatórios tinham totais que não batiam com as "
                "fontes, e o cliente questionou. O que aconteceu?”",
                "<p>Isso: situação, comportamento e impacto claros, e depois uma "
                "pergunta. Direto e respeitoso.</p>",
            ),
        ],
    },
    "when-feedback-stings": {
        "title": "Quando o feedback dói",
        "slug": "quando-o-feedback-doi",
        "question": "<p>Sua gestora diz que o seu e-mail de atualização do "
        "projeto ficou “confuso e longo demais”. Você passou uma hora nele e "
        "acha que estava claro. <b>Qual é a melhor primeira resposta?</b></p>",
        "explanation": "<p>O feedback provoca uma reação defensiva na maioria "
        "das pessoas. Uma <b>pergunta</b> ganha tempo e traz os detalhes de que "
        "você precisa para decidir o que mudar, se for o caso.</p>",
        "success_looks_like": "<p>Você percebe a vontade de se defender, "
        "agradece, pede um exemplo concreto e combina quando vai retomar o "
        "assunto.</p>",
        "expected_results": "<p>As pessoas continuam dando feedback a você, e "
        "você melhora mais rápido porque recebe os detalhes.</p>",
        "discussion_prompt": "Qual gatilho você percebe mais em si mesmo: o da "
        "verdade, o da relação ou o da identidade? O que ajuda você a superá-lo?",
        "texts": {HBR_COACHING: english_source(HBR_COACHING)},
        "choices": [
            choice_pt(
                "Explicar para ela por que você estruturou o e-mail daquele jeito",
                "<p>Explicar logo de cara soa como “você está errada”. Primeiro "
                "entenda a visão dela; explique depois, se ainda fizer "
                "diferença.</p>",
            ),
            choice_pt(
                "“Todo mundo no projeto pareceu entender sem problemas.”",
                "<p>Esse é o gatilho da verdade falando. Mesmo que outras "
                "pessoas tenham entendido, esta leitora não entendeu, e talvez "
                "não seja a única.</p>",
            ),
            choice_pt(
                "“Obrigado por me falar. Você pode me mostrar em que ponto ficou "
                "confuso?”",
                "<p>Isso. Você agradece e pede um exemplo, o que transforma um "
                "veredito em algo com que você pode trabalhar.</p>",
            ),
            choice_pt(
                "Não dizer nada e fazer o próximo e-mail com a metade do tamanho",
                "<p>Mais curto não quer dizer mais claro. Sem um exemplo, você "
                "está adivinhando o que mudar.</p>",
            ),
        ],
    },
    "where-a-feedback-note-belongs": {
        "title": "Onde registrar uma nota de feedback",
        "slug": "onde-registrar-uma-nota-de-feedback",
        "question": "<p>Depois de uma call com um cliente, você quer reconhecer "
        "como a Ana resumiu as pendências em aberto e combinou os responsáveis. "
        "Você usa o Stride, o novo sistema de desempenho. <b>Qual é a melhor "
        "forma de registrar isso?</b></p>",
        "explanation": "<p>O feedback funciona quando é <b>específico</b> e "
        "<b>próximo do momento</b>. Uma nota compartilhada no Stride é as duas "
        "coisas, e forma o histórico que a avaliação semestral usa.</p>",
        "success_looks_like": "<p>Em um ou dois dias depois de algo que mereça "
        "ser mencionado, você registra uma nota de duas frases (o que "
        "aconteceu e que efeito teve), vincula a uma meta e compartilha.</p>",
        "expected_results": "<p>As avaliações não trazem surpresas, as pessoas "
        "sabem o que continuar fazendo e você leva minutos, e não horas, para "
        "preparar as reuniões individuais.</p>",
        "discussion_prompt": "O que impede você de registrar uma nota no mesmo "
        "dia? Compartilhe um truque que ajuda você a fazer isso.",
        "texts": {
            "Closing the gap between intent and impact (CCL)": english_source(
                "Closing the gap between intent and impact (CCL)"
            )
        },
        "choices": [
            choice_pt(
                "Mencionar isso na avaliação anual dela, junto com os outros "
                "exemplos que você anotou",
                "<p>Na época da avaliação, os detalhes já se perderam, e o "
                "elogio chega meses depois do momento em que poderia ter "
                "ajudado. Registre agora.</p>",
            ),
            choice_pt(
                "Agradecer a ela no chat do time, para que todo mundo veja o que "
                "ela fez bem",
                "<p>Um agradecimento público é bem-vindo, mas não diz o que "
                "repetir e não deixa registro para as metas dela. Faça as duas "
                "coisas.</p>",
            ),
            choice_pt(
                "Registrar uma nota no perfil dela no Stride: o que ela fez e o "
                "efeito disso, compartilhada",
                "<p>Isso. Uma nota compartilhada é específica, feita na hora "
                "certa e fica registrada, e a Ana pode lê-la antes da reunião "
                "individual de vocês.</p>",
            ),
            choice_pt(
                "Salvar um rascunho privado no Stride e transformá-lo em "
                "feedback depois",
                "<p>Um rascunho privado não ajuda ninguém até ser compartilhado: "
                "a Ana nunca o vê, e o “depois” costuma não chegar.</p>",
            ),
        ],
    },
    "feed-forward-after-a-missed-deadline": {
        "title": "Feedforward depois de um prazo perdido",
        "slug": "feedforward-depois-de-um-prazo-perdido",
        "question": "<p>O time da Dara perdeu a data de uma entrega porque um "
        "risco só foi sinalizado na véspera. A entrega já saiu. <b>Qual "
        "pergunta mais ajuda na sua reunião individual com a Dara?</b></p>",
        "explanation": "<p>O <b>feedforward</b> se concentra na próxima "
        "tentativa. As pessoas defendem o passado, mas têm curiosidade sobre o "
        "futuro, e colocam em prática as ideias que ajudaram a construir.</p>",
        "success_looks_like": "<p>Você pergunta sobre a próxima vez, deixa a "
        "Dara sugerir primeiro, acrescenta as suas ideias como opções e "
        "combina um passo que vai retomar na próxima reunião individual.</p>",
        "expected_results": "<p>Menos problemas repetidos, e pessoas do time "
        "que trazem os riscos cedo, porque falar sobre eles leva a algo "
        "útil.</p>",
        "discussion_prompt": "Compartilhe uma pergunta voltada para o futuro "
        "que funcionou para você depois de algo dar errado.",
        "texts": {GOLDSMITH: english_source(GOLDSMITH)},
        "choices": [
            choice_pt(
                "“O que ajudaria você a identificar um risco como esse uma "
                "semana antes na próxima entrega?”",
                "<p>Isso. A pergunta olha para a frente e convida a Dara a dar "
                "as próprias ideias, então é mais provável que ela as coloque "
                "em prática.</p>",
            ),
            choice_pt(
                "“Por que você não sinalizou esse risco antes, quando ainda "
                "dava tempo de agir?”",
                "<p>“Por que você não” soa como acusação e gera uma defesa, não "
                "um plano.</p>",
            ),
            choice_pt(
                "“Vamos repassar tudo o que deu errado nesta entrega, dia a dia.”",
                "<p>Uma análise completa tem o seu lugar, mas numa reunião "
                "individual ela prende a conversa no passado.</p>",
            ),
            choice_pt(
                "“Daqui para a frente, você pode me mandar um relatório curto "
                "de riscos toda sexta, antes de cada entrega?”",
                "<p>Pode ajudar, mas a solução é sua, não da Dara. Pergunte "
                "primeiro e depois ofereça a sua ideia como opção.</p>",
            ),
        ],
    },
    "ask-before-you-advise": {
        "title": "Pergunte antes de aconselhar",
        "slug": "pergunte-antes-de-aconselhar",
        "question": "<p>A Chen conta que uma parte interessada vive mudando os "
        "requisitos em cima da hora. Você já lidou com isso muitas vezes. "
        "<b>Qual é o melhor primeiro passo numa conversa de coaching?</b></p>",
        "explanation": "<p>O coaching começa com <b>perguntas</b>: elas mostram "
        "o que a pessoa já sabe e mantêm a responsabilidade com ela. Os "
        "conselhos continuam bem-vindos, depois que você escutou.</p>",
        "success_looks_like": "<p>Você faz duas ou três perguntas abertas, "
        "resume o que ouviu e só então oferece uma ideia, como opção.</p>",
        "expected_results": "<p>Pessoas do time que resolvem mais coisas "
        "sozinhas, e reuniões individuais em que você escuta mais do que "
        "fala.</p>",
        "discussion_prompt": "Qual é a sua pergunta preferida para abrir uma "
        "conversa de coaching?",
        "choices": [
            choice_pt(
                "Contar a ela exatamente como você lidou com uma parte "
                "interessada assim antes",
                "<p>É rápido, mas resolve só este caso, e a Chen aprende a "
                "trazer todos os problemas para você.</p>",
            ),
            choice_pt(
                "Oferecer-se para falar você mesmo com a parte interessada, para "
                "tirar a pressão dela",
                "<p>Às vezes é necessário, mas, como primeiro passo, tira o "
                "problema das mãos da Chen, e a confiança dela junto.</p>",
            ),
            choice_pt(
                "Perguntar “O que você já tentou até agora, e o que aconteceu?”",
                "<p>Isso mesmo. Você entende em que ponto a Chen está, e muitas "
                "vezes ela mesma encontra o próximo passo enquanto responde.</p>",
            ),
        ],
    },
    "ask-for-feedback-people-can-give": {
        "title": "Peça um feedback que as pessoas consigam dar",
        "slug": "peca-um-feedback-que-as-pessoas-consigam-dar",
        "question": "<p>Você quer melhorar a forma como conduz demonstrações "
        "para clientes. <b>Qual pedido tem mais chance de trazer um feedback "
        "útil?</b></p>",
        "explanation": "<p>Pedir <b>uma coisa só</b>, sobre uma situação "
        "<b>específica</b> e pensando na <b>próxima vez</b>, torna o feedback "
        "fácil e seguro de dar.</p>",
        "success_looks_like": "<p>Depois de cada demonstração, você pede a um "
        "colega uma coisa para fazer diferente, anota e experimenta na "
        "demonstração seguinte.</p>",
        "expected_results": "<p>Um fluxo constante de sugestões pequenas e "
        "práticas, e colegas que veem você como alguém aberto a "
        "feedback.</p>",
        "discussion_prompt": "Qual foi o feedback mais útil que você já pediu? "
        "Como você pediu?",
        "texts": {HBR_FALLACY: english_source(HBR_FALLACY)},
        "choices": [
            choice_pt(
                "“Você tem algum feedback para mim sobre a demonstração de hoje?”",
                "<p>Aberto demais. A maioria das pessoas responde “Não, tudo "
                "certo!” porque é a resposta mais fácil.</p>",
            ),
            choice_pt(
                "“O que é uma coisa que eu poderia fazer diferente na "
                "demonstração da semana que vem?”",
                "<p>Isso mesmo. É específico, olha para a frente e é pequeno o "
                "bastante para a pessoa responder com sinceridade em um "
                "minuto.</p>",
            ),
            choice_pt(
                "“A demonstração foi boa? Pode ser sincero, eu quero muito "
                "melhorar nisso.”",
                "<p>Uma pergunta de sim ou não convida a um “sim” educado, por "
                "mais que você peça sinceridade, e você não aprende nada que "
                "possa usar.</p>",
            ),
        ],
    },
}

DISCUSSIONS = {
    "feedback-that-changed-how-you-work": {
        "title": "O feedback que mudou o seu jeito de trabalhar",
        "slug": "o-feedback-que-mudou-o-seu-jeito-de-trabalhar",
        "intro": "<p>Duas semanas depois do curso, troque histórias com a sua "
        "turma: o que funcionou e o que atrapalhou.</p>",
        "texts": {
            "Think of feedback that changed how you work. What made it land?": "Pense em um feedback que mudou o seu jeito de trabalhar. O que fez "
            "ele funcionar?",
            "Where has SBI been hard to use since the course? What did you "
            "try?": "Em que situações tem sido difícil usar o SBI desde o "
            "curso? O que você tentou?",
            "What is one piece of feedback you have been putting off giving?": "Que feedback você vem adiando dar?",
        },
    },
    "before-the-clinic-feedback-upwards": {
        "title": "Antes da clínica: feedback para a liderança",
        "slug": "antes-da-clinica-feedback-para-a-lideranca",
        "intro": "<p>Converse sobre estas perguntas com a sua turma antes da "
        "próxima clínica.</p>",
        "texts": {
            "When did you last hold back feedback for someone more senior?": "Quando foi a última vez que você deixou de dar um feedback a alguém "
            "mais sênior?",
            "What would make it easier to say?": "O que tornaria mais fácil dizer?",
        },
    },
    "after-the-clinic-what-you-tried": {
        "title": "Depois da clínica: o que você experimentou",
        "slug": "depois-da-clinica-o-que-voce-experimentou",
        "intro": "<p>Uma semana para experimentar o que praticamos; depois, "
        "conte para a sua turma como foi.</p>",
        "texts": {
            "Which conversation did you have, and how did it go?": "Que conversa "
            "você teve, e como foi?",
            "What will you do differently next time?": "O que você vai fazer "
            "diferente da próxima vez?",
        },
    },
}

CHECK_INS = {
    "tried-describing-the-behaviour": {
        "title": "Descrever o comportamento: uma semana depois",
        "slug": "descrever-o-comportamento-uma-semana-depois",
        # Read in "Você experimentou … no trabalho?"
        "behaviour": "descrever um comportamento específico ao dar feedback",
        "intro": "<p>Dizer o que você viu, e não o que você pensa da pessoa, é "
        "o hábito que faz o feedback funcionar.</p>",
        "story_prompt": "O que aconteceu quando você experimentou?",
    },
    "describing-the-behaviour-a-month-on": {
        "title": "Descrever o comportamento: um mês depois",
        "slug": "descrever-o-comportamento-um-mes-depois",
        "behaviour": "descrever um comportamento específico ao dar feedback",
        "intro": "<p>Dizer o que você viu, e não o que você pensa da pessoa, é "
        "o hábito que faz o feedback funcionar.</p>",
        "story_prompt": "O que aconteceu quando você experimentou?",
    },
}

CLINIC = {
    "intro": "<p>Uma hora com colegas de todos os escritórios: traga uma "
    "conversa de feedback real e saia com um plano para ela.</p>",
    "practice_assignment": "<p>Tenha nesta semana a conversa que você planejou "
    "na clínica. Depois, anote em uma linha o que você disse e como a pessoa "
    "reagiu.</p>",
    "texts": {
        "Warm-up: the conversation you keep putting off": "Aquecimento: a "
        "conversa que você vive adiando",
        "SBI in practice": "SBI na prática",
        "Two volunteers, one real example each.": "Duas pessoas voluntárias, "
        "cada uma com um exemplo real.",
        "Practice in pairs": "Prática em duplas",
        "Swap roles after ten minutes.": "Troquem de papel depois de dez minutos.",
    },
}

LIVE_SESSIONS = {
    "feedback-clinic-the-conversation-you-put-off": {
        **CLINIC,
        "title": "Clínica de feedback: a conversa que você adiou",
        "slug": "clinica-de-feedback-a-conversa-que-voce-adiou",
    },
    "feedback-clinic-feedback-upwards": {
        **CLINIC,
        "title": "Clínica de feedback: feedback para a liderança",
        "slug": "clinica-de-feedback-feedback-para-a-lideranca",
    },
    "feedback-clinic-recording-the-conversation-you-put-off": {
        "title": "Gravação da clínica de feedback: a conversa que você adiou",
        "slug": "gravacao-da-clinica-de-feedback-a-conversa-que-voce-adiou",
        "summary": "A gravação da clínica de feedback ao vivo: o SBI em dois "
        "exemplos reais e depois prática em duplas. O vídeo é em inglês.",
        # The recording reuses the SBI screencast's takeaways and chapters.
        "texts": SBI_TAKEAWAYS,
        "chapters": SBI_CHAPTERS,
    },
}

# English slug → Portuguese words, in the order the program sends them first.
TRANSLATIONS = {
    **QUESTIONS,
    **ARTICLES,
    **SCREENCASTS,
    **DISCUSSIONS,
    **CHECK_INS,
    **LIVE_SESSIONS,
}
