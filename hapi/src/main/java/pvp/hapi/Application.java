package pvp.hapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;

/**
 * HAPI FHIR's JPA server, R4, on an in-memory H2 database: the test server of `npm run test:hapi`.
 * HAPI runs its own Quartz scheduler and renders no pages, and there is no Elasticsearch (its client
 * comes with HAPI's jars), so Boot's set-ups for those three stay off.
 */
@SpringBootApplication(
		exclude = {
			QuartzAutoConfiguration.class,
			ThymeleafAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class
		})
public class Application {
	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}
}
