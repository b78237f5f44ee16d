package dev.vigil.common.events.keys;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.events.EventData;

/**
 * The data of {@code dev.vigil.keys.leak-found.v1}: a repository scan found a key version, a
 * committed {@code .env} file or a secret-like assignment of a slot name. The subject is the
 * repository name. Never carries the matched text.
 *
 * @param findingId the finding's id
 * @param repository the repository's name
 * @param kind {@code KEY_VERSION}, {@code ENV_FILE} or {@code SECRET_ASSIGNMENT}
 * @param commit the commit id, 40 hex digits
 * @param path the file's path in the repository
 * @param line the 1-based line; 0 for a whole file
 * @param control {@code KEY-05} or {@code ENV-01}
 * @param environment whose key it is (KEY_VERSION), or {@code null}
 * @param slot the slot, or {@code null}
 * @param version the key version, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeakFound(
    long findingId,
    String repository,
    String kind,
    String commit,
    String path,
    int line,
    String control,
    String environment,
    String slot,
    Integer version)
    implements EventData {

  public static final String TYPE = "dev.vigil.keys.leak-found.v1";
}
