package uk.nhs.hps;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.ConfigurationReader;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.naming.NameUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start when a typed setting's text cannot be read as its type. Micronaut quietly falls back to the
 * {@code @Bindable} default when conversion fails, so "8am" for {@code nudges.day-starts} or "two years" for
 * {@code privacy.retention-after-cohort-end} would otherwise run as 08:00 and P2Y without a word. Text settings
 * are not looked at (any text is a text, and some are secrets).
 */
@Context
class UnreadableSettings {

    UnreadableSettings(BeanContext beans, Environment environment) {
        List<String> unreadable = new ArrayList<>();
        for (BeanDefinition<?> settings : beans.getBeanDefinitions(Qualifiers.byStereotype(ConfigurationProperties.class))) {
            Optional<String> prefix = settings.stringValue(ConfigurationReader.class, "prefix");
            if (prefix.isEmpty() || !settings.getBeanType().getPackageName().startsWith("uk.nhs.hps")) {
                continue;
            }
            for (Argument<?> argument : settings.getConstructor().getArguments()) {
                String property = prefix.get() + "." + NameUtils.hyphenate(argument.getName());
                Optional<String> text = environment.getProperty(property, String.class);
                if (argument.getType() != String.class && text.isPresent() && !text.get().isBlank()
                        && !readable(argument, text.get(), environment.getProperty(property, ConversionContext.of(argument)))) {
                    unreadable.add(property + "=" + text.get() + " (expected " + argument.getTypeString(true) + ")");
                }
            }
        }
        if (!unreadable.isEmpty()) {
            throw new ConfigurationException("These settings cannot be read: " + String.join(", ", unreadable));
        }
    }

    /**
     * A comma-separated list of typed items (enum names) converts without the items it cannot read rather than
     * failing, so count them; a list of texts reads anything.
     */
    private static boolean readable(Argument<?> argument, String text, Optional<?> value) {
        if (value.isEmpty()) {
            return false;
        }
        boolean ofTexts = argument.getFirstTypeVariable().map(item -> item.getType() == String.class).orElse(true);
        return ofTexts || !(value.get() instanceof Collection<?> items)
                || items.size() == Arrays.stream(text.split(",")).filter(item -> !item.isBlank()).count();
    }
}
