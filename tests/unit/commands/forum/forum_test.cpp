// The forum for one-person groups (commands/forum/forum.hpp) through the router, on the
// in-memory state: who may use it, threads and replies, relays, drafts, tags, search
// with Norwegian folding, editing, hiding, the Monday digest and tiltak 32's follow-up.
#include <catch2/catch.hpp>

#include "commands/forum/forum.hpp"
#include "commands/reminders/forum_digest.hpp"
#include "commands/reminders/planner.hpp"
#include "commands/router.hpp"
#include "tests/support/memory_state.hpp"
#include "tests/support/test_support.hpp"

using namespace planbot;
using namespace planbot::commands;
using planbot::test::contains;
using planbot::test::MemoryState;

namespace {

// Anne is an admin from the config; Kari (Oppdal) and Ola (Røros) are one-person
// groups; Siri sits on the county board; Sara is the secretary (not a member); Per has
// no role. It is Wednesday 2 December 2026, 10:00 in Oslo.
struct ForumFixture {
    MemoryState state;
    Context context;
    Person anne, kari, ola, siri, sara, per;

    ForumFixture() : context(test::at("2026-12-02T10:00")) {
        anne = state.add_person("1", "Anne Admin", "anne");
        kari = state.add_person("2", "Kari Nordmann", "kari");
        ola = state.add_person("4", "Ola Berg", "");
        siri = state.add_person("5", "Siri Styre", "siri");
        sara = state.add_person("6", "Sara Sekretær", "sara");
        per = state.add_person("3", "Per", "");
        state.holdings.push_back({{"enpersonsgrupper", "Oppdal"}, kari});
        state.holdings.push_back({{"enpersonsgrupper", "Røros"}, ola});
        state.holdings.push_back({{"fylkesstyret", ""}, siri});
        state.holdings.push_back({{"fylkessekretaer", ""}, sara});
        context.state = &state;
        context.config_admins = {"1"};
        context.longest_message = 4096;  // Telegram's: its apps send a longer text as several messages
    }
    ForumFixture(const ForumFixture&) = delete;
    ForumFixture& operator=(const ForumFixture&) = delete;

    static Event private_message(const Person& from, std::string text) {
        Event event;
        event.platform = "telegram";
        event.chat_id = from.user_id;
        event.chat_kind = ChatKind::private_chat;
        event.user_id = from.user_id;
        event.user_name = from.name;
        event.text = std::move(text);
        return event;
    }

    // The same in the group `chat`: addressed to the bot (a command, a reply to it) or not.
    static Event group_message(const Person& from, std::string chat, std::string text, bool addressed) {
        Event event = private_message(from, std::move(text));
        event.chat_id = std::move(chat);
        event.chat_kind = ChatKind::group;
        event.addressed_to_bot = addressed;
        return event;
    }

    // Handles `event` and applies its changes, as the bot does in one transaction.
    Outcome run(const Event& event) {
        Outcome outcome = handle(event, context);
        state.apply(outcome, *state.person(event.platform, event.user_id), context.now);
        return outcome;
    }
    Outcome say(const Person& from, std::string text) { return run(private_message(from, std::move(text))); }
    // Writes `text` and, when it became a draft, confirms it with «send», as a member
    // does before a post goes to everyone: the outcome of «send» (or of `text`, refused).
    Outcome post(const Person& from, std::string text) {
        Outcome drafted = say(from, std::move(text));
        const auto draft = state.forum_draft("telegram", from.user_id);
        if (!draft || draft->text.empty()) return drafted;
        return say(from, "send");
    }

    // The first reply's text (to the writer).
    std::string answer(const Person& from, std::string text) {
        Outcome outcome = say(from, std::move(text));
        REQUIRE_FALSE(outcome.replies.empty());
        return outcome.replies.front().text;
    }

    void later(std::chrono::seconds by) { context.now += by; }

    // As the outbox does: the bot's `message` was delivered (the platform gave it the next
    // message id, and the outbox kept the forum thread it shows), and `event` answers it.
    void replying_to(const Reply& message, Event& event) {
        const std::string id = std::to_string(++delivered);
        if (const NewMessage* send = message.message(); send && send->forum_thread > 0)
            state.thread_messages[{"telegram", message.chat_id, id}] = send->forum_thread;
        event.reply_to_bot_message = id;
    }
    int delivered = 1000;

    // As the outbox does: every message in `outcome` that carried a forum post was
    // delivered, and is kept as a copy of the post with its message id.
    void deliver(const Outcome& outcome) {
        for (const Reply& reply : outcome.replies)
            if (const NewMessage* send = reply.message(); send && send->forum_post > 0)
                state.copies[{"telegram", send->forum_post}].push_back({reply.chat_id, std::to_string(++delivered)});
    }
};

// The one post an outcome publishes.
const AddForumPost& posted(const Outcome& outcome) {
    const AddForumPost* found = nullptr;
    for (const StateChange& change : outcome.changes)
        if (const auto* post = std::get_if<AddForumPost>(&change.change)) {
            REQUIRE_FALSE(found);
            found = post;
        }
    REQUIRE(found);
    return *found;
}

bool publishes(const Outcome& outcome) {
    return std::ranges::any_of(outcome.changes,
                               [](const StateChange& change) { return std::holds_alternative<AddForumPost>(change.change); });
}

std::vector<std::string> chats_of(const Outcome& outcome) {
    std::vector<std::string> out;
    for (const Reply& reply : outcome.replies) out.push_back(reply.chat_id);
    return out;
}

const Reply* reply_to_chat(const Outcome& outcome, std::string_view chat) {
    for (const Reply& reply : outcome.replies)
        if (reply.chat_id == chat) return &reply;
    return nullptr;
}
// The reply would point into a temporary outcome, gone by the next line.
const Reply* reply_to_chat(Outcome&& outcome, std::string_view chat) = delete;

}  // namespace

TEST_CASE("a non-member gets a polite answer naming whom to contact, and nothing of the forum") {
    ForumFixture f;
    posted(f.post(f.kari, "/forum ny Budsjett: Hvordan fikk dere gjennomslag?"));
    for (const char* command : {"/forum", "/forum vis 1", "/forum søk budsjett", "/forum svar 1 hei", "/forum ny Hei"}) {
        INFO(command);
        Outcome outcome = f.say(f.per, command);
        REQUIRE(outcome.replies.size() == 1);
        CHECK(outcome.changes.empty());
        CHECK(contains(outcome.replies[0].text, "enpersonsgruppene"));
        CHECK(contains(outcome.replies[0].text, "Sara Sekretær"));
        CHECK_FALSE(contains(outcome.replies[0].text, "Budsjett"));
    }
    // The secretary alone is no member either.
    CHECK(contains(f.answer(f.sara, "/forum"), "ta kontakt med"));
}

TEST_CASE("one-person groups, the county board and admins are the members") {
    ForumFixture f;
    const auto members = forum_members(f.context.plan, f.state, "telegram", f.context.config_admins, commands::local_today(f.context));
    std::vector<std::string> labels;
    for (const auto& member : members) labels.push_back(member.person.name + "/" + member.label);
    CHECK(labels == std::vector<std::string>{"Kari Nordmann/Oppdal", "Ola Berg/Røros", "Siri Styre/fylkesstyret",
                                             "Anne Admin/admin"});
    CHECK(contains(f.answer(f.siri, "/forum"), "tomt"));
    CHECK(contains(f.answer(f.anne, "/forum"), "tomt"));
}

TEST_CASE("the forum is used in a private chat: in a group /forum shows nothing") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Skole: Nedleggingen av skolen vår");
    Outcome outcome = f.run(ForumFixture::group_message(f.kari, "-200", "/forum", true));
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "privat"));
    CHECK_FALSE(contains(outcome.replies[0].text, "Skole"));
}

TEST_CASE("a new thread is stored and relayed privately to every other member") {
    ForumFixture f;
    Outcome outcome = f.post(f.kari, "/forum ny Budsjettkampen: Hvordan fikk dere gjennomslag? #budsjett");
    const auto& post = posted(outcome);
    CHECK(post.number == 1);
    CHECK(post.thread == 1);
    CHECK(post.title == "Budsjettkampen");
    CHECK(post.text == "Hvordan fikk dere gjennomslag? #budsjett");
    CHECK(post.tags == std::vector<std::string>{"budsjett"});
    // The author's answer first, then Ola, Siri and Anne; never Per or Sara.
    CHECK(chats_of(outcome) == std::vector<std::string>{"2", "4", "5", "1"});
    CHECK(contains(outcome.replies[0].text, "Tråd 1 «Budsjettkampen» er startet og sendt til 3 medlemmer"));
    const Reply* relayed = reply_to_chat(outcome, "4");
    REQUIRE(relayed);
    CHECK(relayed->text.starts_with("💬 Forumtråd 1: Budsjettkampen\nNy tråd fra Kari Nordmann (Oppdal)"));
    CHECK(contains(relayed->text, "Hvordan fikk dere gjennomslag?"));
    CHECK(contains(relayed->text, "/forum svar 1 <tekst>"));
}

TEST_CASE("a reply reaches the thread's author and the others, by command or by answering the relayed message") {
    ForumFixture f;
    Outcome started = f.post(f.kari, "/forum ny Budsjettkampen: Hvordan fikk dere gjennomslag?");
    f.later(std::chrono::minutes(5));

    Outcome by_command = f.post(f.ola, "/forum svar 1 Vi samarbeidet med Sp.");
    const auto& reply = posted(by_command);
    CHECK(reply.number == 2);
    CHECK(reply.thread == 1);
    CHECK(reply.title.empty());
    CHECK(chats_of(by_command) == std::vector<std::string>{"4", "2", "5", "1"});
    CHECK(reply_to_chat(by_command, "2")->text.starts_with("💬 Forumtråd 1: Budsjettkampen\nSvar fra Ola Berg (Røros)"));

    // Siri answers the relayed message itself.
    Event answer = ForumFixture::private_message(f.siri, "Fint! Del gjerne budsjettforslaget.");
    f.replying_to(*reply_to_chat(started, "5"), answer);
    CHECK(contains(f.run(answer).replies.at(0).text, "Del gjerne budsjettforslaget."));  // shown to her first
    Outcome by_reply = f.say(f.siri, "send");
    CHECK(posted(by_reply).thread == 1);
    CHECK(contains(by_reply.replies[0].text, "lagt i tråd 1 (innlegg 3)"));

    // Answering the reply's number goes into its thread too.
    CHECK(posted(f.post(f.kari, "/forum svar 3 Takk!")).thread == 1);

    const std::string shown = f.answer(f.kari, "/forum vis 1");
    CHECK(shown.starts_with("Forumtråd 1: Budsjettkampen"));
    CHECK(shown.find("Hvordan fikk dere") < shown.find("Vi samarbeidet"));
    CHECK(shown.find("Vi samarbeidet") < shown.find("Del gjerne"));
    CHECK(contains(shown, "Innlegg 2 – Ola Berg (Røros)"));
    CHECK(contains(f.answer(f.kari, "/forum"), "• 1 Budsjettkampen – Kari Nordmann (Oppdal), 3 svar, sist 2. desember"));
}

TEST_CASE("/forum ny with only a title waits for the text in the next message, and the author confirms it") {
    ForumFixture f;
    Outcome asked = f.say(f.kari, "/forum ny Vindkraft");
    CHECK(test::only_change<SetForumDraft>(asked).draft->title == "Vindkraft");
    CHECK(contains(asked.replies[0].text, "neste melding"));

    f.later(std::chrono::minutes(3));
    Outcome shown = f.say(f.kari, "Hva mener dere om vindkraft på Gråkallen?\nVi er delt.");
    // Nothing goes to anyone yet: the author sees the post and how to send it.
    CHECK_FALSE(publishes(shown));
    CHECK(chats_of(shown) == std::vector<std::string>{"2"});
    CHECK(contains(shown.replies[0].text, "«Vindkraft»"));
    CHECK(contains(shown.replies[0].text, "Hva mener dere om vindkraft på Gråkallen?\nVi er delt."));
    CHECK(contains(shown.replies[0].text, "Skriv «send»"));
    CHECK(contains(shown.replies[0].text, "3 andre"));
    CHECK_FALSE(contains(shown.replies[0].text, "Trykk"));  // no buttons on this platform
    CHECK(f.state.forum_post(1) == std::nullopt);

    Outcome sent = f.say(f.kari, "send");
    const auto& post = posted(sent);
    CHECK(post.title == "Vindkraft");
    CHECK(post.text == "Hva mener dere om vindkraft på Gråkallen?\nVi er delt.");
    CHECK(chats_of(sent) == std::vector<std::string>{"2", "4", "5", "1"});
    CHECK_FALSE(f.state.forum_draft("telegram", "2"));
    // A minute later the next message is a question again.
    f.later(std::chrono::minutes(1));
    CHECK(contains(f.answer(f.kari, "hva skjer i mai"), "mai"));
    CHECK(f.say(f.kari, "send").changes.empty());  // nothing waits

    SECTION("/forum avbryt drops it") {
        f.say(f.kari, "/forum ny Feil: tekst");
        CHECK(contains(f.answer(f.kari, "/forum avbryt"), "ingenting er sendt"));
        CHECK_FALSE(f.state.forum_draft("telegram", "2"));
        CHECK(f.say(f.kari, "send").changes.empty());
    }
    SECTION("a member removed while the draft waits is refused, and the draft dropped") {
        f.later(std::chrono::minutes(1));
        f.say(f.kari, "/forum ny Siste");
        std::erase_if(f.state.holdings, [](const Holding& h) { return h.person.user_id == "2"; });
        Outcome outcome = f.say(f.kari, "teksten");
        CHECK(contains(outcome.replies[0].text, "ta kontakt med"));
        CHECK(f.state.forum_post(2) == std::nullopt);
        CHECK_FALSE(f.state.forum_draft("telegram", "2"));
    }
}

TEST_CASE("a question while a draft waits is answered as a question, and the draft kept, never published") {
    ForumFixture f;
    f.say(f.kari, "/forum ny Første tråd");
    for (const char* question : {"hva skjer i mai", "Ka skjer neste uke?", "når er fylkesårsmøtet?",
                                 "hvem har ansvar for partiskatt"}) {
        INFO(question);
        Outcome outcome = f.say(f.kari, question);
        CHECK(outcome.changes.empty());
        CHECK(chats_of(outcome) == std::vector<std::string>{"2"});
        CHECK_FALSE(contains(outcome.replies.at(0).text, "Første tråd"));
    }
    CHECK(f.state.forum_draft("telegram", "2")->text.empty());
    f.say(f.kari, "Hvordan forbereder dere budsjettmøtene?");
    // With the text waiting for «send», a question is still a question, and other text is not added.
    CHECK(contains(f.answer(f.kari, "hva skjer i juni"), "juni"));
    const std::string other = f.answer(f.kari, "Og hva med skolen");
    CHECK(contains(other, "«Første tråd» venter"));
    CHECK(contains(other, "ikke lagt til"));
    CHECK(f.state.posts.empty());
    CHECK(posted(f.say(f.kari, "Send")).text == "Hvordan forbereder dere budsjettmøtene?");
}

TEST_CASE("a second draft says what happened to the first") {
    ForumFixture f;
    f.post(f.ola, "/forum ny Skole: Om skolen");
    f.say(f.kari, "/forum ny Første tråd");
    const std::string second = f.answer(f.kari, "/forum ny Andre tråd: tekst");
    CHECK(contains(second, "«Første tråd»"));
    CHECK(contains(second, "forkastet"));
    CHECK(contains(second, "«Andre tråd»"));
    const std::string reply = f.answer(f.kari, "/forum svar 1 Godt poeng");
    CHECK(contains(reply, "«Andre tråd»"));
    CHECK(contains(reply, "forkastet"));
    CHECK(contains(reply, "svaret ditt i tråd 1 «Skole»"));
    const AddForumPost post = posted(f.say(f.kari, "send"));
    CHECK(post.thread == 1);
    CHECK(post.text == "Godt poeng");
    CHECK(f.state.posts.size() == 2);
}

TEST_CASE("a draft expires after a day, and its author is told so when they come back") {
    ForumFixture f;
    f.say(f.kari, "/forum ny Glemt: teksten");
    f.later(std::chrono::hours(25));
    Outcome late = f.say(f.kari, "send");
    CHECK_FALSE(publishes(late));
    CHECK(contains(late.replies.at(0).text, "«Glemt»"));
    CHECK(contains(late.replies.at(0).text, "over et døgn"));
    CHECK(contains(late.replies.at(0).text, "ikke sendt"));
    CHECK_FALSE(f.state.forum_draft("telegram", "2"));

    // A title left waiting: the text that comes a day later is not taken, and not kept.
    f.say(f.kari, "/forum ny Vente");
    f.later(std::chrono::hours(25));
    Outcome text = f.say(f.kari, "Her er teksten min");
    CHECK_FALSE(publishes(text));
    CHECK(contains(text.replies.at(0).text, "«Vente»"));
    CHECK(contains(text.replies.at(0).text, "over et døgn"));
    CHECK_FALSE(f.state.forum_draft("telegram", "2"));
    // A question after an expired draft is just answered.
    f.say(f.kari, "/forum ny Igjen");
    f.later(std::chrono::hours(25));
    CHECK(contains(f.answer(f.kari, "hva skjer i mai"), "Dette skjer i mai"));
    CHECK(f.state.posts.empty());
}

TEST_CASE("where the platform has buttons, a draft is published with ✅ Publiser") {
    ForumFixture f;
    f.context.buttons = true;
    Outcome shown = f.say(f.kari, "/forum ny Knapp: Trykk-test");
    REQUIRE(shown.replies.size() == 1);
    const NewMessage* preview = shown.replies[0].message();
    REQUIRE(preview);
    REQUIRE(preview->publish_button);
    CHECK(contains(shown.replies[0].text, "Trykk ✅ Publiser"));
    CHECK(contains(shown.replies[0].text, "«send»"));

    Event press = ForumFixture::private_message(f.kari, "");
    press.button = Event::ButtonPress{"press-1", publish_button_data(*preview->publish_button), "77",
                                      shown.replies[0].text};
    Outcome pressed = f.run(press);
    CHECK(posted(pressed).title == "Knapp");
    CHECK(reply_to_chat(pressed, "4"));  // relayed
    bool answered = false, edited = false;
    for (const Reply& reply : pressed.replies) {
        if (std::holds_alternative<AnswerButton>(reply.kind)) answered = true;
        if (const auto* edit = std::get_if<EditMessage>(&reply.kind)) {
            edited = edit->message_id == "77";
            CHECK(contains(reply.text, "sendt"));
        }
    }
    CHECK(answered);
    CHECK(edited);
    // Pressed again, or a button of a draft that is gone: nothing more is published.
    Outcome again = f.run(press);
    CHECK_FALSE(publishes(again));
    REQUIRE(again.replies.size() == 1);
    CHECK(std::holds_alternative<AnswerButton>(again.replies[0].kind));
    CHECK(contains(again.replies[0].text, "finnes ikke lenger"));
}

TEST_CASE("bad forum input gets a clear answer and stores nothing") {
    ForumFixture f;
    CHECK(contains(f.answer(f.kari, "/forum ny"), "tittel"));
    CHECK(contains(f.answer(f.kari, "/forum ny   :  tekst"), "tittel"));
    CHECK(contains(f.answer(f.kari, "/forum ny " + std::string(201, 'x')), "for lang"));
    CHECK(contains(f.answer(f.kari, "/forum svar 99 hei"), "finner ikke"));
    CHECK(contains(f.answer(f.kari, "/forum vis 0"), "Hvilket nummer"));
    CHECK(contains(f.answer(f.kari, "/forum vis abc"), "Hvilket nummer"));
    CHECK(contains(f.answer(f.kari, "/forum tull"), "kjenner jeg ikke"));
    CHECK(contains(f.answer(f.kari, "/forum side 99999999999999999999"), "tomt"));
    CHECK(f.state.posts.empty());

    // Over the limit: refused whole, with the count; the limit itself is stored whole.
    const std::string too_long(kMaxForumPost + 1, 'a');
    const std::string answer = f.answer(f.kari, "/forum ny Langt: " + too_long);
    CHECK(contains(answer, "20 001 tegn"));
    CHECK(contains(answer, "20 000"));
    CHECK(f.state.posts.empty());
    std::string ten_thousand;
    for (int i = 0; i < 1000; ++i) ten_thousand += "æøå12345\n";
    ten_thousand += "slutt";
    Outcome relayed = f.post(f.kari, "/forum ny Langt: " + ten_thousand);
    REQUIRE(f.state.forum_post(1));
    CHECK(f.state.forum_post(1)->text == ten_thousand);
    // Relayed and shown whole, naming the thread: the platform splits it into its messages,
    // and each of them is the thread's.
    std::vector<const Reply*> to_ola;
    for (const Reply& reply : relayed.replies)
        if (reply.chat_id == "4") to_ola.push_back(&reply);
    REQUIRE(to_ola.size() == 1);
    CHECK(to_ola[0]->text.starts_with("💬 Forumtråd 1: Langt\n"));
    CHECK(contains(to_ola[0]->text, ten_thousand));
    CHECK(to_ola[0]->message()->forum_thread == 1);
    f.later(std::chrono::minutes(1));
    Outcome shown = f.say(f.kari, "/forum vis 1");
    REQUIRE(shown.replies.size() == 1);
    CHECK(shown.replies[0].text.starts_with("Forumtråd 1: Langt\n"));
    CHECK(contains(shown.replies[0].text, "slutt"));
    CHECK(shown.replies[0].message()->forum_thread == 1);
    // Answering the relay is an answer in the thread.
    Event to_last_piece = ForumFixture::private_message(f.ola, "Svar på slutten");
    f.replying_to(*to_ola.back(), to_last_piece);
    f.run(to_last_piece);
    CHECK(posted(f.say(f.ola, "send")).thread == 1);
    f.later(std::chrono::minutes(1));

    // Markup is stored and shown as typed (the adapters escape it for their platform).
    f.post(f.kari, "/forum svar 1 <b>fet</b> *stjerne* _strek_ &amp;");
    CHECK(f.state.forum_post(3)->text == "<b>fet</b> *stjerne* _strek_ &amp;");
    f.later(std::chrono::minutes(1));
    const Outcome shown_markup = f.say(f.kari, "/forum vis 3");
    CHECK(contains(shown_markup.replies.back().text, "<b>fet</b> *stjerne* _strek_ &amp;"));
    CHECK(contains(f.answer(f.kari, "/forum vis 99999999999999999999"), "Hvilket nummer"));
    CHECK(contains(f.answer(f.kari, "/forum vis 000000000000000000002"), "Innlegg 2 –"));
    CHECK(contains(f.answer(f.kari, "/forum side 99999999999999999999"), "Det er bare én side"));
    CHECK(contains(f.answer(f.kari, "/forum vis 1 side 4000000000"), "har bare"));
}

TEST_CASE("a photo or file sent to the forum is answered: only text is kept") {
    ForumFixture f;
    f.say(f.kari, "/forum ny Bilde");
    Event photo = ForumFixture::private_message(f.kari, "bildetekst");
    photo.attachment = "photo";
    Outcome outcome = f.run(photo);
    REQUIRE(outcome.replies.size() == 1);
    CHECK(contains(outcome.replies[0].text, "bare vare på tekst"));
    CHECK(contains(outcome.replies[0].text, "«Bilde» venter fortsatt"));
    CHECK(outcome.changes.empty());
    CHECK(f.state.forum_draft("telegram", "2"));
}

TEST_CASE("a member removed from the role stops receiving relays at once") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Første: tekst");
    std::erase_if(f.state.holdings, [](const Holding& h) { return h.person.user_id == "4"; });
    Outcome outcome = f.post(f.kari, "/forum svar 1 mer tekst");
    CHECK(reply_to_chat(outcome, "4") == nullptr);
    CHECK(contains(f.answer(f.ola, "/forum vis 1"), "ta kontakt med"));
}

TEST_CASE("#tags are read from the text and list their threads") {
    CHECK(forum_tags_of("Om #Budsjett og #skole. Igjen #budsjett, ikke e-post#x, ikke #123, #Ålesund-saken!") ==
          std::vector<std::string>{"budsjett", "skole", "ålesund-saken"});
    CHECK(forum_tags_of("#skole_mat #Økonomi #oekonomi #ØKONOMI") == std::vector<std::string>{"skole_mat", "økonomi"});
    CHECK(forum_tags_of("«#budsjett…» #skole» #mat🍕 #vei\u00a0neste #×2 #Ŋiid") ==
          std::vector<std::string>{"budsjett", "skole", "mat", "vei", "Ŋiid"});
    ForumFixture f;
    f.post(f.kari, "/forum ny Budsjett: #budsjett #økonomi");
    f.post(f.ola, "/forum ny Skole: #skole");
    f.post(f.siri, "/forum svar 2 Også et budsjettspørsmål #budsjett");
    const std::string listed = f.answer(f.kari, "/forum emne");
    CHECK(contains(listed, "#budsjett (2), #skole (1) og #økonomi (1)"));
    // Spelt without ø, the tag still finds its thread.
    CHECK(contains(f.answer(f.kari, "/forum emne oekonomi"), "Tråder merket #økonomi:\n• 1 Budsjett"));
    const std::string budsjett = f.answer(f.kari, "/forum emne #Budsjett");
    CHECK(contains(budsjett, "• 2 Skole"));
    CHECK(contains(budsjett, "• 1 Budsjett"));
    CHECK(contains(f.answer(f.kari, "/forum emne fisk"), "Ingen tråder er merket #fisk"));
    f.post(f.ola, "/forum ny Mat: #Skole_Mat i kantina");
    CHECK(contains(f.answer(f.kari, "/forum emne skole_mat"), "• 4 Mat"));
    // A tag in the title counts too.
    f.post(f.ola, "/forum ny Vei #samferdsel: om fylkesveien");
    CHECK(contains(f.answer(f.kari, "/forum emne samferdsel"), "• 5 Vei #samferdsel"));
}

TEST_CASE("search folds case and æøå, matches word beginnings and lists the newest first") {
    CHECK(forum_search_text("Økonomi, BARNEHAGE-plass og Årsmøtet") == "okonomi barnehage plass og arsmotet");
    CHECK(forum_search_text("oekonomi aarsmoete") == forum_search_text("økonomi årsmøte"));

    ForumFixture f;
    f.post(f.kari, "/forum ny Økonomien: Kommunens økonomiplan er stram");
    f.later(std::chrono::hours(1));
    f.post(f.ola, "/forum ny Barnehager: Barnehageplasser og økonomi");
    f.later(std::chrono::hours(1));
    f.post(f.siri, "/forum ny Vei: Fylkesveien");

    const std::string hits = f.answer(f.kari, "/forum søk OEKONOMI");
    CHECK(contains(hits, "Tråd 2 «Barnehager»"));
    CHECK(contains(hits, "Tråd 1 «Økonomien»"));
    CHECK(hits.find("Tråd 2") < hits.find("Tråd 1"));
    CHECK_FALSE(contains(hits, "Vei"));
    CHECK(contains(f.answer(f.kari, "/forum søk barneh økon"), "Tråd 2"));
    CHECK_FALSE(contains(f.answer(f.kari, "/forum søk barneh økon"), "Tråd 1"));
    CHECK(contains(f.answer(f.kari, "/forum søk plan"), "Ingen innlegg"));  // "økonomiplan" does not begin with "plan"
    CHECK(contains(f.answer(f.kari, "/forum søk a"), "minst to bokstaver"));
}

TEST_CASE("authors edit and delete their own posts, not others'") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Tittel: Første versjon #gammel");
    f.post(f.ola, "/forum svar 1 Olas svar");
    CHECK(contains(f.answer(f.ola, "/forum rediger 1 kapring"), "bare endre og slette dine egne"));
    CHECK(contains(f.answer(f.kari, "/forum rediger 1 Andre versjon #ny"), "endret"));
    CHECK(f.state.forum_post(1)->text == "Andre versjon #ny");
    CHECK(f.state.forum_post(1)->tags == std::vector<std::string>{"ny"});
    CHECK(contains(f.answer(f.kari, "/forum vis 1"), "(endret)"));
    CHECK(contains(f.answer(f.kari, "/forum søk andre"), "Tråd 1"));

    CHECK(contains(f.answer(f.kari, "/forum slett 2"), "bare endre og slette dine egne"));
    CHECK(contains(f.answer(f.ola, "/forum slett 2"), "slettet"));
    CHECK_FALSE(contains(f.answer(f.kari, "/forum vis 1"), "Olas svar"));
    CHECK(contains(f.answer(f.kari, "/forum vis 2"), "finner ikke"));
    // Posts and edits stay out of the audit log; the deletion is in it, without the text.
    REQUIRE(f.state.log.size() == 1);
    CHECK(f.state.log[0].action == "forum_deleted");
    CHECK_FALSE(contains(f.state.log[0].description, "Olas svar"));
}

TEST_CASE("a deleted thread's replies are gone for every command") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Første tråd: tekst");
    f.post(f.kari, "/forum svar 1 mitt eget svar");
    CHECK(contains(f.answer(f.kari, "/forum slett 1"), "Tråd 1 er slettet"));
    const size_t audited = f.state.log.size();
    for (const std::string command : {"/forum vis 2", "/forum rediger 2 ny tekst", "/forum slett 2",
                                      "/forum svar 2 hei"}) {
        INFO(command);
        Outcome outcome = f.say(f.kari, command);
        REQUIRE(outcome.replies.size() == 1);
        CHECK(contains(outcome.replies[0].text, "finner ikke"));
        CHECK(outcome.changes.empty());
    }
    for (const std::string command : {"/forum skjul 2", "/forum gjenopprett 2"}) {
        INFO(command);
        Outcome outcome = f.say(f.anne, command);
        CHECK(contains(outcome.replies.at(0).text, "finner ikke"));
        CHECK(outcome.changes.empty());
    }
    CHECK(f.state.log.size() == audited);
}

TEST_CASE("an admin hides a post from listings, search and digests, the audit log keeps it") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Grov tone: Noe som ikke hører hjemme her");
    f.post(f.ola, "/forum ny Skole: Om skolen");
    CHECK(contains(f.answer(f.kari, "/forum skjul 1"), "Bare en admin"));
    CHECK(contains(f.answer(f.anne, "/forum skjul 1"), "hele tråden er skjult"));
    CHECK_FALSE(contains(f.answer(f.ola, "/forum"), "Grov tone"));
    CHECK(contains(f.answer(f.ola, "/forum søk hjemme"), "Ingen innlegg"));
    CHECK(contains(f.answer(f.ola, "/forum vis 1"), "finner ikke"));
    CHECK(contains(f.answer(f.anne, "/forum vis 1"), "skjult av en admin"));
    CHECK(f.state.forum_posts_between(f.context.now - std::chrono::hours(1), f.context.now).size() == 1);
    REQUIRE(f.state.log.size() == 1);
    CHECK(f.state.log[0].action == "forum_hidden");
    CHECK(f.state.log[0].actor.user_id == "1");

    CHECK(contains(f.answer(f.anne, "/forum gjenopprett 1"), "vises igjen"));
    CHECK(contains(f.answer(f.ola, "/forum"), "Grov tone"));
}

TEST_CASE("an admin is told about hidden threads and how to show them, also when no other thread is left") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Grov tone: tekst");
    f.say(f.anne, "/forum skjul 1");
    const std::string only_hidden = f.answer(f.anne, "/forum");
    CHECK_FALSE(contains(only_hidden, "tomt"));
    CHECK(contains(only_hidden, "Ingen tråder vises"));
    CHECK(contains(only_hidden, "• 1 Grov tone – Kari Nordmann (Oppdal)"));
    CHECK(contains(only_hidden, "«/forum gjenopprett 1»"));
    CHECK(contains(f.answer(f.ola, "/forum"), "tomt"));  // members do not see hidden threads

    f.post(f.ola, "/forum ny Skole: Om skolen");
    const std::string listed = f.answer(f.anne, "/forum");
    CHECK(contains(listed, "• 2 Skole"));
    CHECK(contains(listed, "Skjult av en admin:\n• 1 Grov tone"));
    CHECK_FALSE(contains(f.answer(f.ola, "/forum"), "Grov tone"));
}

TEST_CASE("/forum demp trades the relays for a Monday digest of others' posts") {
    ForumFixture f;
    CHECK(contains(f.answer(f.ola, "/forum demp"), "mandag"));
    Outcome outcome = f.post(f.kari, "/forum ny Budsjett: Hvordan?");
    CHECK(reply_to_chat(outcome, "4") == nullptr);
    CHECK(contains(outcome.replies[0].text, "sendt til 2 medlemmer (og 1 får det i mandagsoppsummeringen)"));
    f.later(std::chrono::hours(24));
    f.post(f.siri, "/forum svar 1 Slik:");
    f.post(f.ola, "/forum ny Egen tråd: skrevet av Ola selv");

    // Monday 7 December 2026 at 08:00 Oslo: the digest for the week 30 November – 6 December.
    const config::ReminderSettings settings;
    const auto monday = test::at("2026-12-07T08:00").now;
    const std::vector<PlannedMessage> due = due_messages(f.context.plan, f.state, settings, test::oslo(),
                                                         monday - std::chrono::minutes(1), monday, "telegram", {"1"});
    std::vector<const PlannedMessage*> digests;
    for (const PlannedMessage& message : due)
        if (message.kind == ReminderKind::forum_digest) digests.push_back(&message);
    REQUIRE(digests.size() == 1);
    CHECK(digests[0]->reply.chat_id == "4");
    CHECK(digests[0]->key == "f|week|2026-W50|telegram|4");
    const std::string& text = digests[0]->reply.text;
    CHECK(contains(text, "uka 30. november – 6. desember 2026"));
    CHECK(contains(text, "• 1 Budsjett – Kari Nordmann (Oppdal)"));
    CHECK(contains(text, "Tråd 1 «Budsjett»: 1 svar fra Siri Styre"));
    CHECK_FALSE(contains(text, "Egen tråd"));  // his own
    CHECK_FALSE(contains(text, "Hvordan?"));   // titles and names, not the text

    CHECK(contains(f.answer(f.ola, "/forum på"), "med en gang"));
    CHECK(due_messages(f.context.plan, f.state, settings, test::oslo(), monday - std::chrono::minutes(1), monday,
                       "telegram", {"1"})
              .size() == due.size() - 1);
}

TEST_CASE("replies written in the bound mirror group come back into the forum") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    Outcome started = f.post(f.kari, "/forum ny Budsjett: Hvordan?");
    const Reply* mirrored = reply_to_chat(started, "-300");
    REQUIRE(mirrored);
    CHECK(contains(mirrored->text, "Svar på denne meldingen"));

    Event in_group = ForumFixture::group_message(f.ola, "-300", "Slik gjorde vi det", true);
    f.replying_to(*mirrored, in_group);
    Outcome outcome = f.run(in_group);
    CHECK(posted(outcome).thread == 1);
    CHECK(reply_to_chat(outcome, "2"));                  // relayed to Kari
    CHECK(std::ranges::count(chats_of(outcome), "-300") == 1);  // the answer there; not mirrored twice

    // In another group, the same reply is not the forum's.
    in_group.chat_id = "-400";
    CHECK(f.run(in_group).changes.empty());
}

TEST_CASE("tiltak 32's quarterly reminder lists the one-person groups and who has been quiet") {
    ForumFixture f;
    f.context.now = test::at("2026-08-20T12:00").now;
    f.post(f.kari, "/forum ny Sommer: tekst");  // Q3 for Kari; Ola wrote nothing
    const std::string lines =
        forum_follow_up_lines(f.context.plan, f.state, test::oslo(), date::year(2026) / 9 / 30, date::year(2026) / 9 / 30);
    CHECK(contains(lines, "• Kari Nordmann (Oppdal): sist i forumet torsdag 20. august 2026"));
    CHECK(contains(lines, "• Ola Berg (Røros): har ikke skrevet i forumet"));
    CHECK(contains(lines, "Ingen kontakt i forumet dette kvartalet: Ola Berg (Røros)."));
    CHECK_FALSE(contains(lines, "tekst"));
    // The next quarter Kari is quiet too.
    CHECK(contains(forum_follow_up_lines(f.context.plan, f.state, test::oslo(), date::year(2026) / 12 / 31, date::year(2026) / 12 / 31),
                   "Kari Nordmann (Oppdal) og Ola Berg (Røros)"));

    // The reminder itself carries the list (to the county board's holders, privately here).
    const config::ReminderSettings settings;
    const auto morning = test::at("2026-09-16T09:00").now;  // 14 days before 30 September
    std::string text;
    for (const PlannedMessage& message : due_messages(f.context.plan, f.state, settings, test::oslo(),
                                                      morning - std::chrono::minutes(1), morning, "telegram", {"1"}))
        if (message.occurrence && message.occurrence->task == test::shipped_plan().special.forum_follow_up_tiltak) text = message.reply.text;
    CHECK(contains(text, "Oppfølging av enpersonsgrupper"));
    CHECK(contains(text, "Ingen kontakt i forumet dette kvartalet: Ola Berg (Røros)."));
}

TEST_CASE("the role is given per municipality, including those outside the region teams") {
    ForumFixture f;
    Outcome outcome = f.say(f.anne, "/rolle gi enpersonsgruppe Holtålen @sara");
    CHECK(test::only_change<GrantRole>(outcome).role == config::RoleRef{"enpersonsgrupper", "Holtålen"});
    CHECK(contains(f.answer(f.anne, "/rolle gi enpersonsgruppe @sara"), "Hvilken kommune"));
}

TEST_CASE("hiding a thread's first post takes its replies out of search and digests too") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Grov tone: start");
    f.post(f.ola, "/forum svar 1 svar med ordet vindmølle");
    CHECK(contains(f.answer(f.kari, "/forum søk vindmolle"), "Tråd 1"));
    f.say(f.anne, "/forum skjul 1");
    CHECK(contains(f.answer(f.kari, "/forum søk vindmolle"), "Ingen innlegg"));
    CHECK(f.state.forum_posts_between(f.context.now - std::chrono::hours(1), f.context.now).empty());
}

TEST_CASE("a title keeps its times and addresses: only a colon and a space end it") {
    ForumFixture f;
    CHECK(test::only_change<SetForumDraft>(f.post(f.kari, "/forum ny Møte kl. 18:00 om budsjettet")).draft->title ==
          "Møte kl. 18:00 om budsjettet");
    CHECK(test::only_change<SetForumDraft>(f.post(f.kari, "/forum ny Tips https://regjeringen.no")).draft->title ==
          "Tips https://regjeringen.no");
    const AddForumPost post = posted(f.post(f.kari, "/forum ny Møte kl. 18:00: Hvem kommer?"));
    CHECK(post.title == "Møte kl. 18:00");
    CHECK(post.text == "Hvem kommer?");
}

TEST_CASE("only the bot's messages that show a thread lead into it: words quoted in another answer do not") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Budsjett: tekst");
    f.later(std::chrono::minutes(1));
    Event answer = ForumFixture::private_message(f.ola, "hva skjer i mai");
    f.replying_to(message_to("4", "Treff for «Forumtråd 1», nyeste først:\n…"), answer);
    Outcome outcome = f.run(answer);
    CHECK(outcome.changes.empty());
    CHECK(contains(outcome.replies[0].text, "mai"));
}

TEST_CASE("a text the app sent as several messages goes into one draft") {
    ForumFixture f;
    // Telegram's app splits a pasted text at 4,096 characters: the pieces before the last are full.
    const std::string full_piece(4000, 'x');
    f.say(f.kari, "/forum ny Langt: " + full_piece);
    f.later(std::chrono::seconds(1));
    CHECK(contains(f.answer(f.kari, full_piece), "«Langt»"));
    f.later(std::chrono::seconds(2));
    f.say(f.kari, "siste del");
    const AddForumPost post = posted(f.say(f.kari, "send"));
    CHECK(post.text == full_piece + "\n" + full_piece + "\nsiste del");
    // After the short last piece, her next message is hers again, however soon; others' never continue.
    CHECK(f.say(f.kari, "hva skjer i mai").changes.empty());
    CHECK(f.say(f.ola, "hva skjer i mai").changes.empty());
    // A short draft is not a piece of anything.
    f.later(std::chrono::minutes(1));
    f.say(f.kari, "/forum svar 1 kort svar");
    f.later(std::chrono::seconds(1));
    CHECK(contains(f.answer(f.kari, "mer tekst"), "ikke lagt til"));
}

TEST_CASE("/forum vis with a reply's number opens the page that holds it, a long post has a page of its own") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Sider: " + std::string(9000, 'k'));
    for (int i = 0; i < 12; ++i) {
        f.later(std::chrono::minutes(1));
        f.post(f.ola, "/forum svar 1 svar nummer " + std::to_string(i + 2));
    }
    f.later(std::chrono::minutes(1));
    const Outcome page_one = f.say(f.kari, "/forum vis 1");
    CHECK(page_one.replies.front().text.starts_with("Forumtråd 1: Sider (side 1 av 3)"));
    const std::string page_three = f.answer(f.kari, "/forum vis 13");
    CHECK(page_three.starts_with("Forumtråd 1: Sider (side 3 av 3)"));
    CHECK(contains(page_three, "svar nummer 13"));
    CHECK(contains(f.answer(f.kari, "/forum vis 1 side 2"), "svar nummer 2\n"));
}

TEST_CASE("a thread with others' replies cannot be deleted by its author, one without can") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Med svar: tekst");
    f.post(f.ola, "/forum svar 1 Olas svar");
    f.post(f.kari, "/forum ny Uten svar: tekst");
    f.later(std::chrono::minutes(1));
    CHECK(contains(f.answer(f.kari, "/forum slett 1"), "har svar fra andre"));
    CHECK_FALSE(f.state.forum_post(1)->deleted);
    CHECK(contains(f.answer(f.kari, "/forum slett 3"), "Tråd 3 er slettet"));
    CHECK(f.state.forum_post(3)->deleted);
}

TEST_CASE("a thread's title is searched with its first post, not with every reply") {
    ForumFixture f;
    f.post(f.kari, "/forum ny Møteplan: første");
    f.post(f.ola, "/forum svar 1 et svar uten ordet");
    f.later(std::chrono::minutes(1));
    const std::string hits = f.answer(f.kari, "/forum søk møteplan");
    CHECK(contains(hits, "innlegg 1 "));
    CHECK_FALSE(contains(hits, "innlegg 2 "));
}

TEST_CASE("a forum supergroup bound as a whole gets a topic per thread, and members write in it") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    Outcome started = f.post(f.kari, "/forum ny Budsjett: Hvordan?");
    const Reply* mirrored = reply_to_chat(started, "-300");
    REQUIRE(mirrored);
    CHECK(mirrored->message()->forum_thread == 1);
    CHECK(mirrored->message()->into_forum_topic);
    CHECK(mirrored->message()->open_topic == "Budsjett");
    f.later(std::chrono::minutes(1));
    Outcome answered = f.post(f.ola, "/forum svar 1 Slik");
    CHECK(reply_to_chat(answered, "-300")->message()->into_forum_topic);
    CHECK(reply_to_chat(answered, "-300")->message()->open_topic.empty());

    // Telegram made topic 77 for thread 1; a member writes there without addressing the bot.
    f.state.topics[{"telegram", "-300", "77"}] = 1;
    Event in_topic = ForumFixture::group_message(f.siri, "-300", "Godt spørsmål, vi gjorde det samme.", false);
    in_topic.thread_id = "77";
    Outcome outcome = f.run(in_topic);
    CHECK(posted(outcome).thread == 1);
    CHECK(reply_to_chat(outcome, "2"));                // relayed to Kari privately
    CHECK(reply_to_chat(outcome, "-300") == nullptr);  // no receipt, and not mirrored back
    // A non-member's words in the topic are the group's, not the forum's.
    in_topic.user_id = f.per.user_id;
    CHECK(f.run(in_topic).replies.empty());
    // Another topic of the group is not a thread.
    in_topic.user_id = f.siri.user_id;
    in_topic.thread_id = "78";
    CHECK(f.run(in_topic).replies.empty());
}

TEST_CASE("a mirror bound in one topic gets every thread there, without topics of their own") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "9", "Forumspeil"});
    const Outcome posted = f.post(f.kari, "/forum ny Budsjett: Hvordan?");  // kept: `mirrored` points into it
    const Reply* mirrored = reply_to_chat(posted, "-300");
    REQUIRE(mirrored);
    CHECK(mirrored->message()->thread_id == "9");
    CHECK_FALSE(mirrored->message()->into_forum_topic);
    CHECK(mirrored->message()->open_topic.empty());
}

namespace {

// The edits in `outcome`, as "chat:message id".
std::vector<std::string> edits_of(const Outcome& outcome) {
    std::vector<std::string> out;
    for (const Reply& reply : outcome.replies)
        if (const auto* edit = std::get_if<EditMessage>(&reply.kind)) out.push_back(reply.chat_id + ":" + edit->message_id);
    std::ranges::sort(out);
    return out;
}

// "chat:message id" of every copy the state keeps of `posts`, sorted.
std::vector<std::string> copies_of(const MemoryState& state, std::initializer_list<int64_t> posts) {
    std::vector<std::string> out;
    for (const int64_t post : posts)
        for (const ForumCopy& copy : state.forum_copies("telegram", post)) out.push_back(copy.chat_id + ":" + copy.message_id);
    std::ranges::sort(out);
    return out;
}
std::vector<std::string> copies_of(const MemoryState& state, int64_t post) { return copies_of(state, {post}); }

}  // namespace

TEST_CASE("a post its author deletes is replaced, in the mirror and in each member's chat, by a line saying so") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    f.deliver(f.post(f.kari, "/forum ny Budsjett: Hvordan gjør dere det?"));
    f.later(std::chrono::minutes(1));
    const Outcome replied = f.post(f.ola, "/forum svar 1 Vi har hemmelig tall 4711 i budsjettet");
    f.deliver(replied);
    // Each copy of the reply carried its post number: the mirror's and every other member's.
    for (const Reply& reply : replied.replies)
        if (reply.chat_id != f.ola.user_id) CHECK(reply.message()->forum_post == 2);
    REQUIRE(copies_of(f.state, 2).size() == 4);  // Anne, Kari, Siri and the mirror

    f.later(std::chrono::minutes(1));
    const Outcome deleted = f.say(f.ola, "/forum slett 2");
    CHECK(deleted.replies.front().chat_id == f.ola.user_id);
    CHECK(edits_of(deleted) == copies_of(f.state, 2));
    for (const Reply& reply : deleted.replies) {
        CHECK(reply.text.find("4711") == std::string::npos);
        if (std::holds_alternative<EditMessage>(reply.kind)) CHECK(contains(reply.text, "Innlegg 2 i forumet er slettet"));
    }
    // Thread 1's first post stays where it was.
    const std::vector<std::string> first_copies = copies_of(f.state, 1);
    for (const std::string& edited : edits_of(deleted))
        CHECK(std::ranges::find(first_copies, edited) == first_copies.end());
}

TEST_CASE("deleting a thread takes its own replies' copies with it") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    f.deliver(f.post(f.kari, "/forum ny Budsjett: Hvordan?"));
    f.later(std::chrono::minutes(1));
    f.deliver(f.post(f.kari, "/forum svar 1 Og en ting til"));
    CHECK(edits_of(f.say(f.kari, "/forum slett 1")) == copies_of(f.state, {1, 2}));
}

TEST_CASE("an admin hiding a thread takes it and its replies out of the mirror, and showing it puts them back there") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    f.deliver(f.post(f.kari, "/forum ny Kommunestyret: Spørsmål om sak 12"));
    f.later(std::chrono::minutes(1));
    f.deliver(f.post(f.ola, "/forum svar 1 Vi stemte mot"));
    f.later(std::chrono::minutes(1));

    const Outcome hidden = f.say(f.anne, "/forum skjul 1");
    CHECK(edits_of(hidden) == copies_of(f.state, {1, 2}));
    for (const Reply& reply : hidden.replies)
        if (std::holds_alternative<EditMessage>(reply.kind)) {
            CHECK(contains(reply.text, "skjult av en admin"));
            CHECK(reply.text.find("sak 12") == std::string::npos);
            CHECK(reply.text.find("stemte") == std::string::npos);
        }

    f.later(std::chrono::minutes(1));
    const Outcome shown = f.say(f.anne, "/forum gjenopprett 1");
    CHECK(edits_of(shown).empty());
    std::vector<int64_t> mirrored;
    for (const Reply& reply : shown.replies) {
        if (reply.chat_id == f.anne.user_id) continue;  // the answer to Anne
        CHECK(reply.chat_id == "-300");                  // members are not sent it again
        REQUIRE(reply.message());
        CHECK(reply.message()->forum_thread == 1);
        CHECK(contains(reply.text, "Vist igjen"));
        mirrored.push_back(reply.message()->forum_post);
    }
    CHECK(mirrored == std::vector<int64_t>{1, 2});
    CHECK(contains(shown.replies[1].text, "sak 12"));
    CHECK(contains(shown.replies[2].text, "Vi stemte mot"));
}

TEST_CASE("hiding one reply replaces only that reply's copies") {
    ForumFixture f;
    f.deliver(f.post(f.kari, "/forum ny Budsjett: Hvordan?"));
    f.later(std::chrono::minutes(1));
    f.deliver(f.post(f.ola, "/forum svar 1 Stygt ord"));
    CHECK(edits_of(f.say(f.anne, "/forum skjul 2")) == copies_of(f.state, 2));
}

TEST_CASE("a long post's copy is replaced once per chat: its later pieces keep only the mark") {
    ForumFixture f;
    f.deliver(f.post(f.kari, "/forum ny Budsjett: Hvordan?"));
    // Kari's first post reached Ola in three pieces.
    f.state.copies[{"telegram", 1}] = {{"4", "71"}, {"4", "72"}, {"4", "73"}, {"1", "74"}};
    const Outcome deleted = f.say(f.kari, "/forum slett 1");
    std::vector<std::string> texts;
    for (const Reply& reply : deleted.replies)
        if (std::holds_alternative<EditMessage>(reply.kind)) texts.push_back(reply.chat_id + ":" + reply.text);
    CHECK(texts == std::vector<std::string>{"4:🗑 Tråd 1 i forumet er slettet av den som skrev den.", "4:🗑", "4:🗑",
                                            "1:🗑 Tråd 1 i forumet er slettet av den som skrev den."});
}

TEST_CASE("a reply shown again while its thread is hidden stays out of the mirror until the thread is shown") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    f.deliver(f.post(f.kari, "/forum ny Budsjett: Hvordan?"));
    f.later(std::chrono::minutes(1));
    f.deliver(f.post(f.ola, "/forum svar 1 Slik gjorde vi det"));
    f.say(f.anne, "/forum skjul 2");
    f.say(f.anne, "/forum skjul 1");
    const Outcome reply_shown = f.say(f.anne, "/forum gjenopprett 2");
    CHECK(reply_to_chat(reply_shown, "-300") == nullptr);
    const Outcome thread_shown = f.say(f.anne, "/forum gjenopprett 1");
    std::vector<int64_t> mirrored;
    for (const Reply& reply : thread_shown.replies)
        if (reply.chat_id == "-300") mirrored.push_back(reply.message()->forum_post);
    CHECK(mirrored == std::vector<int64_t>{1, 2});  // each once
}

TEST_CASE("a deleted or hidden thread's topic in the mirror loses its title, and gets it back when shown") {
    ForumFixture f;
    f.state.channel_list.push_back({std::string(kForumChannel), "", "telegram", "-300", "", "Forumspeil"});
    f.deliver(f.post(f.kari, "/forum ny Nedleggelse av skolen: Hva gjør vi?"));
    f.state.topics[{"telegram", "-300", "77"}] = 1;  // Telegram made topic 77 for thread 1
    auto renames = [](const Outcome& outcome) {
        std::vector<std::string> out;
        for (const Reply& reply : outcome.replies)
            if (const auto* rename = std::get_if<RenameTopic>(&reply.kind))
                out.push_back(reply.chat_id + ":" + rename->topic_id + ":" + reply.text);
        return out;
    };
    CHECK(renames(f.say(f.anne, "/forum skjul 1")) == std::vector<std::string>{"-300:77:Tråd 1 (skjult)"});
    CHECK(renames(f.say(f.anne, "/forum gjenopprett 1")) == std::vector<std::string>{"-300:77:Nedleggelse av skolen"});
    CHECK(renames(f.say(f.kari, "/forum slett 1")) == std::vector<std::string>{"-300:77:Tråd 1 (slettet)"});
}
