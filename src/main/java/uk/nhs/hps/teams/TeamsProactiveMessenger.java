package uk.nhs.hps.teams;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.Serialization;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.hps.conversation.ProactiveMessenger;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.roster.TeamsIdentity;
import uk.nhs.hps.roster.TeamsIdentityRepository;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Proactive sends through the adapter's continueConversation and the stored conversation reference. */
@Singleton
class TeamsProactiveMessenger implements ProactiveMessenger {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsProactiveMessenger.class);

    private final HpsBotAdapter adapter;
    private final TeamsSettings settings;
    private final TeamsIdentityRepository identities;

    TeamsProactiveMessenger(HpsBotAdapter adapter, TeamsSettings settings, TeamsIdentityRepository identities) {
        this.adapter = adapter;
        this.settings = settings;
        this.identities = identities;
    }

    @Override
    public boolean sendToTeamsUser(String teamsUserId, List<Reply> replies) {
        Optional<TeamsIdentity> identity = identities.findByTeamsUserId(teamsUserId);
        return identity.isPresent() && send(identity.get(), replies);
    }

    @Override
    public int sendToPerson(long personId, List<Reply> replies) {
        int reached = 0;
        for (TeamsIdentity identity : identities.findByPersonId(personId)) {
            if (send(identity, replies)) {
                reached++;
            }
        }
        return reached;
    }

    private boolean send(TeamsIdentity identity, List<Reply> replies) {
        try {
            ConversationReference reference = Serialization.treeToValue(
                    Serialization.jsonToTree(identity.conversationReference()), ConversationReference.class);
            List<Activity> activities = replies.stream().map(TeamsBot::toActivity).toList();
            adapter.continueConversation(settings.appId(), reference,
                            context -> context.sendActivities(activities).thenApply(sent -> null))
                    .get(settings.readTimeoutOrDefault().toSeconds() + 5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // no message content in the log: who it was for (identity id) and why it failed
            LOG.warn("Proactive send failed identityId={} error={}", identity.id(), e.getClass().getSimpleName());
            return false;
        }
    }
}
