package uk.nhs.hps.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.UUID;

/** Builds activities shaped like the ones Teams sends to a bot in personal chat. */
public final class Activities {

    public static final String BOT_ID = "28:hps-bot";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode activity = JSON.createObjectNode();

    private Activities(String type) {
        activity.put("type", type);
        activity.put("id", "act-" + UUID.randomUUID());
        activity.put("channelId", "msteams");
        activity.put("timestamp", "2026-11-23T09:00:00.000Z");
        activity.putObject("recipient").put("id", BOT_ID).put("name", "HPS Companion");
        from(TestUsers.ALICE);
        tenant(TestUsers.TENANT);
    }

    public static Activities message(String text) {
        Activities a = new Activities("message");
        a.activity.put("text", text);
        a.activity.put("textFormat", "plain");
        return a;
    }

    public static Activities cardSubmit(ObjectNode value) {
        Activities a = new Activities("message");
        a.activity.set("value", value);
        return a;
    }

    /** An Adaptive Card Action.Execute, which Teams sends as an invoke and whose answer replaces the card. */
    public static Activities execute(String verb, ObjectNode data) {
        Activities a = new Activities("invoke");
        a.activity.put("name", "adaptiveCard/action");
        ObjectNode action = a.activity.putObject("value").putObject("action");
        action.put("type", "Action.Execute");
        action.put("verb", verb);
        action.set("data", data);
        return a;
    }

    public static Activities botInstalled() {
        Activities a = new Activities("conversationUpdate");
        a.activity.putArray("membersAdded").addObject().put("id", BOT_ID);
        return a;
    }

    public static Activities installationAdd() {
        Activities a = new Activities("installationUpdate");
        a.activity.put("action", "add");
        return a;
    }

    public static Activities ofType(String type) {
        return new Activities(type);
    }

    /** Attaches a file as Teams does in personal chat: a download-info attachment with a pre-authorised URL. */
    public Activities file(String name, String downloadUrl) {
        ObjectNode attachment = activity.withArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.teams.file.download.info");
        attachment.put("name", name);
        attachment.putObject("content").put("downloadUrl", downloadUrl).put("uniqueId", UUID.randomUUID().toString())
                .put("fileType", name.substring(name.lastIndexOf('.') + 1));
        return this;
    }

    public Activities from(TestUsers.User user) {
        activity.putObject("from").put("id", user.teamsId()).put("name", user.name()).put("aadObjectId", user.aadObjectId());
        activity.putObject("conversation").put("id", user.conversationId()).put("conversationType", "personal")
                .put("tenantId", activity.path("channelData").path("tenant").path("id").asText(TestUsers.TENANT));
        return this;
    }

    public Activities tenant(String tenantId) {
        activity.putObject("channelData").putObject("tenant").put("id", tenantId);
        ((ObjectNode) activity.path("conversation")).put("tenantId", tenantId);
        return this;
    }

    public Activities id(String id) {
        activity.put("id", id);
        return this;
    }

    public Activities serviceUrl(String url) {
        activity.put("serviceUrl", url);
        return this;
    }

    /** As if sent in a team channel (the bot @mentioned there), not in personal chat. */
    public Activities inChannel(String conversationId) {
        ((ObjectNode) activity.path("conversation")).put("id", conversationId).put("conversationType", "channel")
                .put("isGroup", true);
        ((ObjectNode) activity.path("channelData")).putObject("channel").put("id", conversationId);
        return this;
    }

    /** As if sent in a group chat of several people. */
    public Activities inGroupChat(String conversationId) {
        ((ObjectNode) activity.path("conversation")).put("id", conversationId).put("conversationType", "groupChat")
                .put("isGroup", true);
        return this;
    }

    /** As if sent in a meeting's chat: Teams marks these with channelData.meeting. */
    public Activities inMeeting(String conversationId) {
        inGroupChat(conversationId);
        ((ObjectNode) activity.path("channelData")).putObject("meeting").put("id", "meeting-" + conversationId);
        return this;
    }

    public String id() {
        return activity.path("id").asText();
    }

    public String serviceUrl() {
        return activity.path("serviceUrl").asText();
    }

    public String json() {
        return activity.toString();
    }
}
