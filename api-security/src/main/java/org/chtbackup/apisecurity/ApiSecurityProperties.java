package org.chtbackup.apisecurity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cht-backup.api.*}.
 *
 * @param token      the bearer token operators and other services send ({@code CHT_BACKUP_API_TOKEN}); blank: every
 *                   call that needs it is refused
 * @param publicRead GET requests (fleet page, reports, status, metrics) need no token; default false
 */
@ConfigurationProperties("cht-backup.api")
public record ApiSecurityProperties(String token, @DefaultValue("false") boolean publicRead) {

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "ApiSecurityProperties[token=" + (hasToken() ? "(set)" : "(none)") + ", publicRead=" + publicRead + "]";
    }
}
