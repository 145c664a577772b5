/**
 * How the HTTP API answers when something is wrong: every error a client can cause becomes a JSON
 * body {@code {"error": code, "message": text}} with a fitting 4xx status.
 */
package crm.bulkimport.api;
