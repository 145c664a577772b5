package crm.bulkimport.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether to seed the demo, {@code IMPORTER_DEMO_DATA}.
 *
 * @param demoData whether to seed the demo merchant; unset, on with the embedded database only
 */
@ConfigurationProperties("importer")
record DemoProperties(Boolean demoData) {}
