"""Intent cues on folded words alone (no content): asking for a person."""

from __future__ import annotations

import pytest

from bot.search.fold import words
from bot.search.intents import wants_person


@pytest.mark.parametrize(
    "text",
    [
        # A talking word shortly before the person asked for, in every language and style.
        "can I talk to someone",
        "potrebuju mluvit s clovekem",
        "Můžu mluvit s nějakým skutečným člověkem?",
        "spojte mě s pracovníkem",
        "pozvit operatora",
        "покличте оператора",
        # A person named outright is wanted, however the resident feels.
        "хочу поговорити з людиною, мені важко",
        "можу я поговорити з кимось",
        "mozhna pohovoryty z kymos zhyvym?",
        "хочу связаться с живым человеком",
        "stop bot, connect me to assistant",
        "I need to speak with staff",
        # A direct person word almost alone.
        "operator",
        "human pls",
        "мне нужен оператор",
        # A person set against the bot.
        "ne bot, chci cloveka",
        "is there someone I can talk to instead of a bot",
        "бот не помогает, нужен человек",
        "мені потрібен консультант, не бот",
        # A real or live person, whatever else is said.
        "хочу общаться с реальным человеком",
        "can a real person help me",
        "is there anyone real there",
        "chci živého člověka ne robota",
        # Wanting a person by name or role.
        "позовите кого-нибудь",
        "хочу до асистента українською",
        "I need a human for this",
        # Complaints about canned answers, and whoever is wanted instead of the bot.
        "відповідайте мені людиною, а не шаблонами",
        "not automatic answers please, a person who speaks Ukrainian",
        "бот не розуміє, дайте когось іншого",
        "жалоба на бота, передайте специалисту",
        "можна асистента українською?",
        # A role alone, feminine and genitive forms, someone real in the dative.
        "agent",
        "escalate to human agent",
        "Tohle mi vůbec nepomáhá, potřebuju konzultanta.",
        "Chtěla bych konzultaci s pracovnicí, ne s chatbotem.",
        "muzu psat nekomu skutecnemu?",
        # Checking whether anyone is reading.
        "je tam nekdo?? halo",
        "hello? anybody there?",
        "є тут хтось?",
        "есть тут кто-нибудь?",
        # Asking to be called back.
        "can someone from your team call me back pls",
        "перезвоніть мені будь ласка",
        "zavolejte mi prosím",
        # Not the bot's automatic answer; a complaint about the bot before the request.
        "potřebuji konzultaci s pracovníkem, ne automatickou odpověď",
        "питав уже тричі про свою ситуацію і бот дає не те, можна щоб мені відповів ваш"
        " консультант?",
        # Spoken ways to ask for a real person: "a normal one", "a live one", "someone
        # real", not a machine.
        "chci normálního člověka",
        "можна живу людину, а?",
        "Je tu vůbec někdo skutečný? Potřebuji poradit s pobytem.",
        "хочу писати людині, а не машині",
        # Whether a person reads or replies.
        "is there a person reading this? pls a human answer me",
        "will a person answer me",
        # A person looked for right here; someone real in the Ukrainian dative.
        "is there any human here or only robot?",
        "je tady nějaký člověk?",
        "можна написати комусь справжньому?",
        # The language to talk in, then the person to talk with.
        "can I speak ukrainian with someone from the office",
        "můžu mluvit ukrajinsky s někým z úřadu?",
        "хочу поговорити з оператором українською",
        # A member of staff, not a program.
        "хочу, щоб мені відповів працівник, а не програма",
        # Anyone to talk with instead of the bot; a lady from the office.
        "Můžu to probrat po telefonu s nějakou paní místo s robotem?",
        "можна поговорити з кимось замість бота",
        "můžu mluvit s paní z poradny?",
        # Asked of the bot, but asking for one.
        "can you give me a human",
        "ви жива людина? хочу поговорити",
        # People, in the plural, rather than the bot.
        "з ким тут поговорити з людей, а не з ботом",
        "can I talk to people, not a bot",
    ],
)
def test_requests_for_a_person(text: str) -> None:
    assert wants_person(words(text))


@pytest.mark.parametrize(
    "text",
    [
        # "someone", "assistant", "operator" inside a topic question.
        "someone stole my bike",
        "I moved to another flat, do I have to tell someone?",
        "who are the assistants in vests on the tram",
        "which number to call if there is a fire, and does the operator speak English",
        "human trafficking signs",
        # Asking what the bot is, not for a person.
        "ти бот чи людина? хто пише ці відповіді",
        # A story in which talking and someone appear, but the person comes first.
        "is there someone to talk to in Ukrainian, I can't sleep since the war started",
        # Someone to notify, a consultant asked about, a person to employ.
        "еду к маме на два месяца, надо ли кого-то уведомлять?",
        "Хочу дізнатися, чи може консультант з ÚP допомогти з резюме",
        "where can I write a complaint to someone about my employer",
        "Chci zaměstnat člověka z Ukrajiny, co musím udělat?",
        "real estate agent wants 2 months deposit",
        "Is there a live chat on the OAMP website?",
        # Whether anyone is somewhere else, or a role named inside a topic.
        "is there anyone in the office on Sunday",
        "someone is there at my door every night",
        "asistenti prevence kriminality",
        # Calls that are part of the story.
        "they call me every day and threaten",
        "the agency did not call back",
        "policie mi řekla ať zavolám",
        # "-speaking" describes the assistant asked about.
        "is there a Czech speaking assistant in the city police",
        # A long story that mentions the bot and someone without asking for anyone.
        "kamarádka mi poslala odkaz na tohoto bota, říkala že mi tu někdo poradí kde"
        " v Plzni najít levný byt pro rodinu s dětmi a jak dlouho se čeká",
        # A machine that is a car, living somewhere, someone in a story.
        "машина зламалась, а людина з сервісу не відповідає, що робити зі страховкою",
        "я живу в Пльзені з чоловіком, де записати дитину до школи",
        "někdo mi ukradl kolo",
        # Nobody answering at an office is a complaint about the office.
        "why does nobody answer at the foreign police",
        "the person at the office did not reply to my email",
        # Someone to tell, a person somewhere else.
        "треба комусь повідомити про переїзд?",
        "human trafficking here in Plzen",
        "is there a person there who speaks Ukrainian",
        # Speaking a language is what someone can do, not a wish to talk to support.
        "school for my son 10 years, he dont speak czech, is there support?",
        "чи говорить оператор 112 українською",
        # Talking refused: a worry about someone, not a request.
        "syn se uzavřel do sebe, nechce s nikým mluvit",
        "he does not want to talk to anyone, what can I do",
        # Someone to talk to about how one feels: psychological help, not the desk.
        "feeling very depressed alone need to talk someone",
        "duzhe vazhko na dushi, potribno z kymos pohovoryty",
        "мені дуже самотньо, хочу з кимось поговорити",
        "chci si s někým promluvit, je mi smutno",
        "je mi mizerně, potřebuju si s někým promluvit",
        "так погано після новин, хочеться з кимось поговорити",
        "feeling awful and stressed, need to talk to someone",
        # Something other than the bot that is not a person; talking that happened.
        "can I use the website instead of the bot",
        "mluvila jsem s paní z úřadu práce a nerozumím",
        "I spoke to someone at the labour office but did not understand",
        "mluvila jsem s lidmi z úřadu a nerozumím",
        # People as a topic, with no talking and no bot.
        "how many people can live in one flat",
        # What the bot is: about-the-service answers, and tells how to reach a person.
        "are you human?",
        "are u a real person",
        "ти справжня людина?",
        "ты живой человек?",
        "jsi skutečný člověk?",
    ],
)
def test_topic_questions_that_mention_people_are_not_requests(text: str) -> None:
    assert not wants_person(words(text))
