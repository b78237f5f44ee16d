package dev.vigil.access.snapshot;

/**
 * The platform's admin password policy as reported.
 *
 * @param ssoOnly whether admins can only sign in through SSO (then the rest does not apply)
 * @param minLength shortest allowed password, or null when not reported
 * @param requiresMixed whether mixed character classes are required, or null
 * @param maxAgeDays forced change after this many days, or null
 */
public record PasswordPolicy(
    boolean ssoOnly, Integer minLength, Boolean requiresMixed, Integer maxAgeDays) {}
