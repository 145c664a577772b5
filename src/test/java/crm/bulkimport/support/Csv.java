package crm.bulkimport.support;

/** Bits of CSV the tests share. */
public final class Csv {

  public static final String HEADER =
      "transaction_number,transaction_date,user_id,final_amount,sku_id,quantity,unit_price,line_total";

  private Csv() {}
}
