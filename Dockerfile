# syntax=docker/dockerfile:1
# ComplaintFlow: built with the Maven wrapper on a JDK 17 (the code's release, as CI builds and tests it), run on a
# Java 25 JRE as a non-root user (Java 25 for its ahead-of-time cache, below).
# The models and forms are deployed from the file system, so processes/ and forms/ sit next to the application;
# the holiday data of the shipped years is inside the jar, /app/calendar takes an operator's extra or corrected
# years (docs/operations.md). ImageLayoutTest lays out what this final stage copies and starts it on PostgreSQL
# with docker-compose.yml's environment, so keep the final stage to COPY/ENV/WORKDIR/USER/RUN/ENTRYPOINT.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
# the tests run in CI (.ci/run); the image only packages what passed there. The jar is extracted (application
# jar + lib/): the ahead-of-time cache needs plain jars on the class path, and it starts faster than the nested jar.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests -DskipPostgresTests=true \
    && java -Djarmode=tools -jar target/complaintflow-*.jar extract --destination /build/complaintflow \
    && mv /build/complaintflow/complaintflow-*.jar /build/complaintflow/complaintflow.jar

FROM eclipse-temurin:25-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system complaintflow \
    && useradd --system --gid complaintflow --home-dir /app --shell /usr/sbin/nologin complaintflow
WORKDIR /app
COPY --from=build /build/complaintflow complaintflow
COPY processes processes
COPY forms forms
COPY calendar calendar
# Ahead-of-time cache (Java 25, JEP 483/514/515): a training run (an empty in-memory H2, no network) records the
# classes start-up loads and links and the methods' profiles; every start maps the classes loaded and linked and hands
# the JIT the profiles, so it compiles less to warm up. Same JRE, same class path as the ENTRYPOINT. The profile
# `training` ends the run once the node is ready (operations/TrainingRunExit), so a first start's own work (the
# models' deployment, groups, authorizations, filters) is in the cache as well. Measured in docs/operations.md
# ("Start-up"); a cache the JVM cannot use (other JVM flags, a changed jar) is skipped and the JVM starts without it.
RUN java -XX:AOTCacheOutput=/app/complaintflow.aot \
        -jar /app/complaintflow/complaintflow.jar --spring.profiles.active=training \
        --spring.datasource.url=jdbc:h2:mem:training --server.port=0 \
        --camunda.bpm.job-execution.enabled=false \
    && rm -rf /tmp/*
USER complaintflow
ENV SPRING_PROFILES_ACTIVE=postgres \
    TZ=Asia/Shanghai \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# C2 stays: -XX:TieredStopAtLevel=1 (in JAVA_TOOL_OPTIONS) halves a start's CPU but costs about a fifth of the CPU per
# complaint once the node has run a while (docs/operations.md, "Start-up"; bench/image-startup.sh measures this stage).
ENTRYPOINT ["java", "-XX:AOTCache=/app/complaintflow.aot", "-jar", "/app/complaintflow/complaintflow.jar"]
