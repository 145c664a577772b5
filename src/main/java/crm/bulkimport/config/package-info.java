/**
 * Shared wiring: where the database is (an external PostgreSQL or an embedded one), the typed
 * settings, the clock. Nothing here knows what an import is.
 */
package crm.bulkimport.config;
