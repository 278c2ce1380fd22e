package uk.nhs.hps.conversation;

import java.io.IOException;

/** Fetches a file a user sent to the bot. Implemented where the chat platform is known. */
public interface FileDownloads {

    /** The file's bytes, or {@link TooLarge} when it is bigger than {@code maxBytes}. */
    byte[] download(Turn.Attachment attachment, int maxBytes) throws IOException;

    final class TooLarge extends IOException {
        public TooLarge(int maxBytes) {
            super("The file is larger than " + maxBytes + " bytes");
        }
    }
}
