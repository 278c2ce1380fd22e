package uk.nhs.hps.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.builder.Bot;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import uk.nhs.hps.conversation.ActivityLedger;
import uk.nhs.hps.conversation.Reply;
import uk.nhs.hps.conversation.Router;
import uk.nhs.hps.conversation.Turn;
import uk.nhs.hps.people.RecordingTeamsContact;
import uk.nhs.hps.people.TeamsContact;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Translates a Teams activity into a {@link Turn}, hands it to the router and sends the replies.
 * Nothing here decides what to say.
 */
@Singleton
class TeamsBot implements Bot {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsBot.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";
    static final String FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";
    /** How long a redelivered invoke waits for the first delivery's answer (Teams gives up after about 15 s). */
    private static final java.time.Duration DUPLICATE_WAIT = java.time.Duration.ofSeconds(10);

    private final TeamsSettings settings;
    private final ActivityLedger ledger;
    private final RecordingTeamsContact contacts;
    private final Router router;
    private final CardAnswers answers;

    TeamsBot(TeamsSettings settings, ActivityLedger ledger, RecordingTeamsContact contacts, Router router,
             CardAnswers answers) {
        this.settings = settings;
        this.ledger = ledger;
        this.contacts = contacts;
        this.router = router;
        this.answers = answers;
    }

    @Override
    public CompletableFuture<Void> onTurn(TurnContext context) {
        Activity activity = context.getActivity();
        MDC.put(TurnCorrelation.KEY, activity.getId() != null ? activity.getId() : UUID.randomUUID().toString());
        try {
            Optional<Turn.Kind> kind = kindOf(activity);
            if (kind.isEmpty()) {
                LOG.debug("Ignoring activity type={}", activity.getType());
                return CompletableFuture.completedFuture(null);
            }
            if (!tenantAllowed(activity)) {
                LOG.warn("Refused activity from a tenant outside the allow-list tenant={}", tenantOf(activity));
                return CompletableFuture.completedFuture(null);
            }
            if (!isPersonalChat(activity)) {
                // Answered before anything is recorded: no command runs and the 1:1 conversation reference
                // used for proactive messages is never overwritten by a channel or group chat's.
                LOG.info("Refused an activity outside personal chat conversationType={}",
                        activity.getConversation() == null ? null : activity.getConversation().getConversationType());
                List<Reply> only = List.of(Reply.text(personalChatOnly()));
                if (isCardExecute(activity)) {
                    return answerExecute(context, only);
                }
                return context.sendActivity(toActivity(only.get(0))).thenApply(sent -> null);
            }
            // asking Teams for the e-mail is a connector call: done before the turn's transaction opens
            Member member = kind.get() == Turn.Kind.INSTALLED || !contacts.knowsEmailOf(activity.getFrom().getId())
                    ? lookUpMember(context) : Member.UNKNOWN;
            if (isCardExecute(activity) && activity.getId() != null) {
                // idempotent: a concurrent redelivery shares the first delivery's pending answer
                answers.expect(activity.getId());
            }
            List<Activity> replies;
            try {
                Optional<Answered> answered = ledger.once(activity.getId(), () -> {
                    Turn turn = toTurn(context, kind.get(), member);
                    return new Answered(turn, router.route(turn));
                });
                if (answered.isEmpty()) {
                    LOG.info("Duplicate delivery ignored");
                    if (isCardExecute(activity)) {
                        // the first delivery's card again: an invoke left unanswered is a 501 to Teams
                        return sendInvokeResponse(context, answers.answerTo(activity.getId(), DUPLICATE_WAIT));
                    }
                    return CompletableFuture.completedFuture(null);
                }
                // the turn's writes are committed by now, so whatever the replies confirm is on disk
                if (answered.get().turn().updatesCard()) {
                    return answerExecute(context, answered.get().replies());
                }
                replies = answered.get().replies().stream().map(TeamsBot::toActivity).toList();
            } catch (RuntimeException e) {
                // If the turn itself failed, nothing of it was kept, its activity id included, so a retry
                // is handled afresh.
                // Never log the activity text: only where it failed and the turn's correlation id.
                LOG.error("Turn failed correlationId={} activityType={}", MDC.get(TurnCorrelation.KEY), activity.getType(), e);
                if (isCardExecute(activity)) {
                    return answerExecute(context, List.of(Reply.text(HpsBotAdapter.APOLOGY)));
                }
                replies = List.of(MessageFactory.text(HpsBotAdapter.APOLOGY));
            }
            if (replies.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return context.sendActivities(replies).thenApply(sent -> null);
        } finally {
            MDC.remove(TurnCorrelation.KEY);
        }
    }

    /**
     * Action.Execute: the invoke's response carries the refreshed card (or a short message); anything
     * else the handler said follows as ordinary messages.
     */
    private CompletableFuture<Void> answerExecute(TurnContext context, List<Reply> answer) {
        Reply shown = answer.stream().filter(Reply.Card.class::isInstance).findFirst()
                .or(() -> answer.stream().findFirst())
                .orElse(Reply.text("Done."));
        AdaptiveCardInvokeResponse body = new AdaptiveCardInvokeResponse();
        body.setStatusCode(200);
        if (shown instanceof Reply.Card card && card.isRefusal()) {
            // a refusal never replaces the form it came from: what was typed stays, and can be corrected
            body.setType("application/vnd.microsoft.activity.message");
            body.setValue(card.refusal());
        } else if (shown instanceof Reply.Card card) {
            body.setType(ADAPTIVE_CARD);
            try {
                body.setValue(Serialization.jsonToTree(card.json()));
            } catch (IOException e) {
                throw new IllegalStateException("A card template produced invalid JSON", e);
            }
        } else {
            body.setType("application/vnd.microsoft.activity.message");
            body.setValue(((Reply.Text) shown).markdown());
        }
        if (context.getActivity().getId() != null) {
            answers.answered(context.getActivity().getId(), body);
        }
        List<Activity> rest = answer.stream().filter(r -> r != shown).map(TeamsBot::toActivity).toList();
        CompletableFuture<?> sent = sendInvokeResponse(context, body);
        if (!rest.isEmpty()) {
            sent = sent.thenCompose(ignored -> context.sendActivities(rest));
        }
        return sent.thenApply(ignored -> null);
    }

    private static CompletableFuture<Void> sendInvokeResponse(TurnContext context, AdaptiveCardInvokeResponse body) {
        Activity invokeResponse = new Activity(ActivityTypes.INVOKE_RESPONSE);
        invokeResponse.setValue(new InvokeResponse(200, body));
        return context.sendActivity(invokeResponse).thenApply(ignored -> null);
    }

    private Optional<Turn.Kind> kindOf(Activity activity) {
        if (isCardExecute(activity)) {
            return Optional.of(Turn.Kind.CARD_ACTION);
        }
        if (activity.isType(ActivityTypes.MESSAGE)) {
            boolean cardSubmit = (activity.getText() == null || activity.getText().isBlank())
                    && activity.getValue() != null;
            return Optional.of(cardSubmit ? Turn.Kind.CARD_ACTION : Turn.Kind.MESSAGE);
        }
        if (activity.isType(ActivityTypes.CONVERSATION_UPDATE) && botWasAdded(activity)) {
            return Optional.of(Turn.Kind.INSTALLED);
        }
        if (activity.isType(ActivityTypes.INSTALLATION_UPDATE) && activity.getAction() != null
                && activity.getAction().startsWith("add")) {
            return Optional.of(Turn.Kind.INSTALLED);
        }
        return Optional.empty();
    }

    /**
     * The manifest limits the bot to personal scope, but a sideloaded or edited package, or a meeting chat,
     * may still reach it: only a 1:1 chat is served. Emulator-style activities without a type count as 1:1.
     */
    static boolean isPersonalChat(Activity activity) {
        if (activity.getConversation() == null) {
            return true;
        }
        String type = activity.getConversation().getConversationType();
        if (type != null && !"personal".equalsIgnoreCase(type)) {
            return false;
        }
        if (activity.getConversation().isGroup()) {
            return false;
        }
        if (activity.getChannelData() != null) {
            JsonNode data = Serialization.objectToTree(activity.getChannelData());
            return !data.hasNonNull("meeting") && !data.hasNonNull("channel") && !data.hasNonNull("team");
        }
        return true;
    }

    private String personalChatOnly() {
        if (!settings.hasAppId()) {
            return "I only work in a 1:1 chat with you: open a chat with me from Apps in Teams.";
        }
        return "I only work in a 1:1 chat with you: [open it here](https://teams.microsoft.com/l/chat/0/0?users=28:"
                + settings.appId().trim() + ").";
    }

    private static boolean isCardExecute(Activity activity) {
        return activity.isType(ActivityTypes.INVOKE) && "adaptiveCard/action".equals(activity.getName());
    }

    private static boolean botWasAdded(Activity activity) {
        List<ChannelAccount> added = activity.getMembersAdded();
        return added != null && activity.getRecipient() != null
                && added.stream().anyMatch(m -> activity.getRecipient().getId().equals(m.getId()));
    }

    private boolean tenantAllowed(Activity activity) {
        Set<String> allowed = settings.tenantAllowList();
        if (allowed.isEmpty()) {
            return true;
        }
        String tenant = tenantOf(activity);
        return tenant != null && allowed.contains(tenant.toLowerCase());
    }

    private static String tenantOf(Activity activity) {
        if (activity.getConversation() != null && activity.getConversation().getTenantId() != null) {
            return activity.getConversation().getTenantId();
        }
        if (activity.getChannelData() != null) {
            JsonNode tenant = Serialization.objectToTree(activity.getChannelData()).path("tenant").path("id");
            if (tenant.isTextual()) {
                return tenant.asText();
            }
        }
        return null;
    }

    private record Answered(Turn turn, List<Reply> replies) {
    }

    private Turn toTurn(TurnContext context, Turn.Kind kind, Member member) {
        Activity activity = context.getActivity();
        ChannelAccount from = activity.getFrom();
        // install activities carry no name: the member Teams returned has it
        String name = from.getName() == null || from.getName().isBlank() ? member.name() : from.getName();
        RecordingTeamsContact.Outcome outcome = contacts.record(new TeamsContact(
                from.getId(), from.getAadObjectId(), tenantOf(activity), name, member.email(),
                activity.getServiceUrl(), activity.getConversation().getId(),
                Serialization.toStringSilent(activity.getConversationReference())));
        String text = kind == Turn.Kind.MESSAGE ? cleanText(activity) : "";
        boolean execute = isCardExecute(activity);
        Map<String, Object> data = kind != Turn.Kind.CARD_ACTION ? Map.of()
                : execute ? executeData(activity.getValue()) : cardData(activity.getValue());
        List<Turn.Attachment> files = kind == Turn.Kind.MESSAGE ? files(activity) : List.of();
        return new Turn(activity.getId(), kind, text, data, from.getId(), name, outcome.person(),
                outcome.firstContact(), files, execute, member.givenName());
    }

    /** Files sent in personal chat arrive as download-info attachments carrying a pre-authorised URL. */
    private static List<Turn.Attachment> files(Activity activity) {
        if (activity.getAttachments() == null) {
            return List.of();
        }
        List<Turn.Attachment> files = new java.util.ArrayList<>();
        for (Attachment attachment : activity.getAttachments()) {
            if (!FILE_DOWNLOAD_INFO.equals(attachment.getContentType()) || attachment.getContent() == null) {
                continue;
            }
            JsonNode content = Serialization.objectToTree(attachment.getContent());
            String url = content.path("downloadUrl").asText("");
            if (url.startsWith("https://") || url.startsWith("http://")) {
                files.add(new Turn.Attachment(attachment.getName() == null ? "file" : attachment.getName(),
                        content.path("fileType").asText(null), url));
            }
        }
        return files;
    }

    /** What Teams holds for the member (e-mail or UPN, names), or nothing known. */
    private record Member(String email, String givenName, String name) {
        static final Member UNKNOWN = new Member(null, null, null);
    }

    /** The user's e-mail/UPN and names from Teams; only a nicety, so any failure just leaves them unknown. */
    private static Member lookUpMember(TurnContext context) {
        if (!"msteams".equals(context.getActivity().getChannelId())) {
            return Member.UNKNOWN;
        }
        try {
            TeamsChannelAccount member = TeamsInfo.getMember(context, context.getActivity().getFrom().getId())
                    .get(5, TimeUnit.SECONDS);
            if (member == null) {
                return Member.UNKNOWN;
            }
            return new Member(member.getEmail() != null ? member.getEmail() : member.getUserPrincipalName(),
                    member.getGivenName(), member.getName());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("Could not look up the member: {}", e.getClass().getSimpleName());
            return Member.UNKNOWN;
        }
    }

    private static String cleanText(Activity activity) {
        String text = activity.getText() == null ? "" : activity.getText();
        if (activity.getText() != null && activity.getRecipient() != null && activity.getRecipient().getId() != null) {
            // the SDK answers null for an activity without text (a file sent on its own)
            text = Activity.removeMentionTextImmutable(activity, activity.getRecipient().getId());
        }
        return text == null ? "" : text.replaceAll("<at>[^<]*</at>", " ").replaceAll("\\s+", " ").trim();
    }

    /** Action.Execute puts the data under value.action.data and names the action by its verb. */
    private static Map<String, Object> executeData(Object value) {
        JsonNode action = Serialization.objectToTree(value).path("action");
        Map<String, Object> data = new java.util.HashMap<>(cardData(action.path("data")));
        if (!data.containsKey("action") && action.path("verb").isTextual()) {
            data.put("action", action.path("verb").asText());
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cardData(Object value) {
        try {
            Object converted = JSON.convertValue(Serialization.objectToTree(value), Map.class);
            return converted == null ? Map.of() : (Map<String, Object>) converted;
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    static Activity toActivity(Reply reply) {
        if (reply instanceof Reply.Card card) {
            Attachment attachment = new Attachment();
            attachment.setContentType(ADAPTIVE_CARD);
            try {
                attachment.setContent(Serialization.jsonToTree(card.json()));
            } catch (IOException e) {
                throw new IllegalStateException("A card template produced invalid JSON", e);
            }
            return MessageFactory.attachment(attachment);
        }
        Activity text = MessageFactory.text(((Reply.Text) reply).markdown());
        text.setTextFormat(com.microsoft.bot.schema.TextFormatTypes.MARKDOWN);
        return text;
    }
}
