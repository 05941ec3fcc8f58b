/**
 * {@code sideeye.yaml} as the {@code sideeye} command and the desktop app read it: the file
 * reader ({@link io.sideeye.config.ConfigFileReader}), the keys ({@link io.sideeye.config.ConfigKey},
 * {@link io.sideeye.config.GroupKey}), the layering of defaults, file, profile, {@code SIDEEYE_*}
 * variables and flags ({@link io.sideeye.config.ConfigLoader}), the value types and durations.
 */
package io.sideeye.config;
