package org.chtbackup.apisecurity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * One rule set for every service: health is open; GETs are open only with {@code cht-backup.api.public-read};
 * everything else needs the bearer token. No sessions, no cookies (so no CSRF), no login page, no default user.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(ApiSecurityProperties.class)
public class ApiSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurityProperties props) throws Exception {
        if (!props.hasToken()) {
            log.warn("no cht-backup.api.token (CHT_BACKUP_API_TOKEN) is set: this service refuses every HTTP"
                    + " operation{}", props.publicRead() ? "; its read-only pages are public" : " and page");
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(props.token()), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                    if (props.publicRead()) {
                        requests.requestMatchers(HttpMethod.GET, "/**").permitAll();
                    }
                    requests.anyRequest().hasRole(BearerTokenFilter.ROLE);
                })
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, denied) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    response.sendError(401, "send Authorization: Bearer <cht-backup.api.token>");
                }));
        return http.build();
    }

    /** Tokens only: without this bean Spring Boot would create a user with a generated password and log it. */
    @Bean
    UserDetailsService noUsers() {
        return username -> {
            throw new UsernameNotFoundException("this service accepts bearer tokens only");
        };
    }
}
