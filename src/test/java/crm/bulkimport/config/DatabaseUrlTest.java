package crm.bulkimport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void a_jdbc_url_is_used_as_it_is_with_the_separate_credentials() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/crm", "app", "secret");

    assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db:5432/crm", "app", "secret"));
  }

  @Test
  void the_render_form_carries_its_own_credentials() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgres://crm_user:p%40ss%3Aword@db.internal:6543/crm?sslmode=require", null, null);

    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/crm?sslmode=require");
    assertThat(url.user()).isEqualTo("crm_user");
    assertThat(url.password()).isEqualTo("p@ss:word");
  }

  @Test
  void the_postgresql_scheme_without_a_port_or_credentials_falls_back_to_the_variables() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://db/crm", "app", "secret");

    assertThat(url).isEqualTo(new DatabaseUrl("jdbc:postgresql://db/crm", "app", "secret"));
  }

  @Test
  void another_database_is_refused_with_the_forms_it_accepts() {
    assertThatThrownBy(() -> DatabaseUrl.parse("mysql://db/crm", null, null))
        .hasMessage(
            "DATABASE_URL must start with jdbc:postgresql://, postgres:// or postgresql://");
  }
}
