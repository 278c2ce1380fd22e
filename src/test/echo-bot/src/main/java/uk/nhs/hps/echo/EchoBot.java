package uk.nhs.hps.echo;

import com.microsoft.bot.builder.ActivityHandler;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;

import java.util.concurrent.CompletableFuture;

/** Does nothing but answer: the text it was sent, back to the sender. */
public class EchoBot extends ActivityHandler {

    @Override
    protected CompletableFuture<Void> onMessageActivity(TurnContext turnContext) {
        return turnContext.sendActivity(MessageFactory.text("Echo: " + turnContext.getActivity().getText()))
                .thenApply(sent -> null);
    }
}
