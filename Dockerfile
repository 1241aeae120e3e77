# syntax=docker/dockerfile:1
# ComplaintFlow: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.
# The models and forms are deployed from the file system, so processes/ and forms/ sit next to the jar.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
# the tests run in CI (.ci/run); the image only packages what passed there
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests \
    && cp target/complaintflow-*.jar /build/complaintflow.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system complaintflow \
    && useradd --system --gid complaintflow --home-dir /app --shell /usr/sbin/nologin complaintflow
WORKDIR /app
COPY --from=build /build/complaintflow.jar complaintflow.jar
COPY processes processes
COPY forms forms
USER complaintflow
ENV SPRING_PROFILES_ACTIVE=postgres \
    TZ=Asia/Shanghai \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/complaintflow.jar"]
