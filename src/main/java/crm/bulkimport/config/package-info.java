/**
 * Shared wiring: where the database is (an external PostgreSQL or an embedded one) and how it is
 * set up, the one setting several modules follow (how many imports run at once), the clock. Each
 * module binds its own other settings. Nothing here knows what an import is.
 */
package crm.bulkimport.config;
