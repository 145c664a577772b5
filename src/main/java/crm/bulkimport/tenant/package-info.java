/**
 * Who is calling and for which merchant: the admin key, merchant API keys (stored only as hashes),
 * the security filter chain that turns a bearer key into a {@link crm.bulkimport.tenant.Caller},
 * and the merchants themselves.
 */
package crm.bulkimport.tenant;
