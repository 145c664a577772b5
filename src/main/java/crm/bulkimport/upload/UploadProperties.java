package crm.bulkimport.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the intake takes in, bound from {@code importer.*} / {@code IMPORTER_*}.
 *
 * @param maxFileSize largest accepted file, by upload or command line; the multipart limit is set
 *     from the same property in {@code application.properties}
 * @param partialMaxErrors the highest {@code max_errors} a partial import may ask for: the errors
 *     of the purchases it leaves out are held (as a number and a line each) until it writes
 */
@ConfigurationProperties("importer")
record UploadProperties(
    @DefaultValue("256MB") DataSize maxFileSize, @DefaultValue("100000") int partialMaxErrors) {}
