package uk.nhs.hps.conversation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler's card-action constant whose button is put on a card by code (a template's
 * {@code "action": "${action}"}), so it appears in no template file. The card-action contract test reads it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface CodeBuiltCardAction {
}
