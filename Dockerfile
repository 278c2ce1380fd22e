# Build: compile, test-free package (CI runs the tests), then a small JRE image running as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
COPY migrations migrations
COPY bot-manifest bot-manifest
RUN ./mvnw -B -q package -DskipTests && cp target/hps-companion-*.jar /app.jar && rm -f /app.jar.original

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 hps && mkdir -p /app/data && chown hps /app/data
WORKDIR /app
COPY --from=build /app.jar /app/hps-companion.jar
USER hps
# the FAQ's tokenizer (DJL) unpacks its native library here; the service user has no home directory
ENV DJL_CACHE_DIR=/tmp/djl
EXPOSE 3978
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/hps-companion.jar"]
