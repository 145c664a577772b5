# The service as a container image: built with the Maven wrapper on a JDK, run on a JRE as a
# non-root user. Honours PORT (default 8080) and every variable in the README's configuration
# table; give it DATABASE_URL, since without one each container starts an empty embedded demo
# database that dies with it.
#
#   docker build -t crm-bulk-import .
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://user:pass@host:5432/crm crm-bulk-import
#   docker run --rm -v "$PWD:/data" -e DATABASE_URL=… crm-bulk-import \
#       import --merchant <uuid> --file /data/purchases.csv

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# Dependencies first, in a layer of their own, so that a change to the code does not fetch them
# again.
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# The tests need PostgreSQL and run in CI (`./mvnw verify`), not in the image build.
RUN ./mvnw -B -q package -Dmaven.test.skip=true \
    && cp target/crm-bulk-import-*.jar /build/crm-bulk-import.jar

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 importer \
    && useradd --system --uid 10001 --gid importer --home-dir /app --shell /usr/sbin/nologin importer
WORKDIR /app
COPY --from=build --chown=root:root /build/crm-bulk-import.jar /app/crm-bulk-import.jar
# Not root: the embedded demo PostgreSQL refuses root, and nothing here needs it.
USER 10001:10001
ENV PORT=8080
EXPOSE 8080
# The JRE image has no curl; bash's /dev/tcp is enough to ask for the liveness probe. Platforms
# with their own checks (Render: healthCheckPath) ignore this.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200'"]
# Heap from the container's memory limit; a process whose heap runs out ends, so that another
# instance revives its import rather than it hanging half alive.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/crm-bulk-import.jar"]
