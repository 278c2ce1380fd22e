package uk.nhs.hps.privacy;

import jakarta.inject.Singleton;
import uk.nhs.hps.access.Access;
import uk.nhs.hps.access.Action;
import uk.nhs.hps.audit.AuditLog;
import uk.nhs.hps.conversation.CommandHandler;
import uk.nhs.hps.conversation.HelpEntry;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.Role;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

/** "my data": a person downloads everything held about them, through a link that works for 15 minutes. */
@Singleton
class MyDataCommand implements CommandHandler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Access access;
    private final DataLinks links;
    private final AuditLog audit;

    MyDataCommand(Access access, DataLinks links, AuditLog audit) {
        this.access = access;
        this.links = links;
        this.audit = audit;
    }

    @Override
    public Set<String> commands() {
        return Set.of("my data");
    }

    @Override
    public List<HelpEntry> help() {
        return List.of(new HelpEntry("my data", "Download everything I hold about you (a link that works for 15 minutes).",
                Set.of(Role.PARTICIPANT, Role.SPONSOR, Role.COACH, Role.PROGRAMME_TEAM)));
    }

    @Override
    public List<Reply> handle(Turn turn) {
        if (turn.person().isEmpty()) {
            return List.of(Reply.text("You're not on the scheme roster, so I hold nothing about you beyond your Teams name"
                    + " and how to reach you in this chat. For any data question, please contact the programme team."));
        }
        long id = turn.person().get().id();
        if (!access.may(id, Action.EXPORT_PERSONAL_DATA, id)) {
            return List.of(Reply.text("I can't offer a download for your account. Please contact the programme team."));
        }
        DataLinks.Link link = links.issue(id);
        audit.record(AuditLog.person(id), "DATA_LINK_ISSUED", id, "my data command");
        String until = TIME.format(link.expiresAt().atZone(ZoneId.of(turn.person().get().timeZone())));
        return List.of(Reply.text("Here is everything I hold about you, as one JSON file: [download your data]("
                + link.url() + "). The link works for 15 minutes (until " + until + ") and only for you: please don't"
                + " forward it."));
    }
}
