# syntax=docker/dockerfile:1
# ComplaintFlow: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.
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
# jar + lib/): class-data sharing needs plain jars on the class path, and it starts faster than the nested jar.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests -DskipPostgresTests=true \
    && java -Djarmode=tools -jar target/complaintflow-*.jar extract --destination /build/complaintflow \
    && mv /build/complaintflow/complaintflow-*.jar /build/complaintflow/complaintflow.jar

FROM eclipse-temurin:17-jre
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
# Class-data sharing: a training run (an empty in-memory H2, no network) records the classes start-up loads; every
# start maps them instead of loading and verifying them again. Same JRE, same class path as the ENTRYPOINT. The
# profile `training` ends the run once the node is ready (operations/TrainingRunExit), so a first start's own work
# (the models' deployment, groups, authorizations, filters) is in the archive as well. Measured in
# docs/operations.md ("Start-up"); without the archive the JVM simply starts without it.
RUN java -XX:ArchiveClassesAtExit=/app/complaintflow.jsa \
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
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/complaintflow.jsa", "-jar", "/app/complaintflow/complaintflow.jar"]
