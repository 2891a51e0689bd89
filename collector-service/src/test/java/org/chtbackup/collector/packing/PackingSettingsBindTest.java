package org.chtbackup.collector.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.chtbackup.collector.CollectorProperties;
import org.chtbackup.contracts.packs.PackCompression;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** collector.packing as Spring Boot binds it: the shipped YAML gives the defaults, and a bad tuning is named. */
class PackingSettingsBindTest {

    @Test
    void theShippedYamlGivesTheDefaultPacking() throws Exception {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("collector.yml",
                new ClassPathResource("collector.yml"));
        Binder binder = new Binder(ConfigurationPropertySources.from(yaml));

        CollectorProperties.Packing packing = binder.bind("collector.packing", CollectorProperties.Packing.class).get();

        assertThat(new PackSettings(packing.targetBytes(), packing.zstdLevel(), packing.zstdTuning()))
                .isEqualTo(PackSettings.DEFAULT);
        assertThat(PackSettings.DEFAULT.zstdTuning()).isEqualTo(PackCompression.Tuning.COUCHDB);
    }

    @Test
    void zstdsOwnSearchCanBeChosenAndAnUnknownTuningIsRefusedNamingTheSetting() {
        assertThat(bind("zstd").zstdTuning()).isEqualTo(PackCompression.Tuning.ZSTD);
        assertThat(bind("couchdb").zstdTuning()).isEqualTo(PackCompression.Tuning.COUCHDB);
        assertThatThrownBy(() -> bind("fastest")).isInstanceOf(BindException.class)
                .hasMessageContaining("collector.packing");
    }

    private static CollectorProperties.Packing bind(String tuning) {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "collector.packing.target-bytes", "4194304", "collector.packing.zstd-level", "3",
                "collector.packing.zstd-tuning", tuning)));
        return binder.bind("collector.packing", CollectorProperties.Packing.class).get();
    }
}
