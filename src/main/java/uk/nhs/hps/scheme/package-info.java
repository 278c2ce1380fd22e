/**
 * The scheme's own documents as data the features share: the career transitions of 000 with their key changes,
 * key experiences and areas ({@code scheme/transitions.yml}). A kernel: it depends on nothing of ours but
 * {@code people}.
 */
package uk.nhs.hps.scheme;
