/**
 * How the HTTP API answers when something is wrong: every error a client can cause, whether a
 * controller's {@link crm.bulkimport.api.ApiProblem} or a module's typed refusal, becomes a JSON
 * body {@code {"error": code, "message": text}} with a fitting 4xx status. Only the web edge uses
 * it; the modules below say what is wrong, never which status it gets.
 */
package crm.bulkimport.api;
