package crm.bulkimport.formats;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much a compressed file may unpack to, bound from {@code importer.*} / {@code IMPORTER_*}.
 *
 * @param maxFileSize the largest file taken in: the upload's own limit, and also the most its
 *     decompressed content may be
 */
@ConfigurationProperties("importer")
record FormatProperties(@DefaultValue("256MB") DataSize maxFileSize) {}
