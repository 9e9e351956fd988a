# The registry as a container image: a non-root user, the jar's layers extracted by Spring Boot's jarmode=tools
# (dependencies first, so a code change rebuilds only the last layer), JVM options from JAVA_OPTS, and a health
# check on liveness. Build the jar first: ./mvnw -DskipTests package; then docker build -t ai-model-registry .
# compose.yaml runs it against an external PostgreSQL. OperationsRecipeIT performs these steps without Docker.

FROM eclipse-temurin:17-jre AS extract
WORKDIR /build
COPY target/ai-model-registry-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/registry --create-home registry
WORKDIR /opt/registry
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER registry
# The heap is bounded whatever memory the container is given (docs/operations.md, "Memory"); the JVM reads the
# container's CPU limit itself. A replacement JAVA_OPTS must keep a bound.
ENV JAVA_OPTS="-Xmx288m -Xmn48m -XX:+UseSerialGC -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=128m -XX:TrimNativeHeapInterval=10000 -XX:+ExitOnOutOfMemoryError"
ENV MALLOC_ARENA_MAX=2
ENV PORT=8080
# Used only without SPRING_DATASOURCE_URL (the embedded PostgreSQL): mount a volume here to keep the data.
ENV REGISTRY_DATA_DIR=/var/lib/registry/postgres
EXPOSE 8080
# No curl in the base image: bash's /dev/tcp asks liveness for its status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/$PORT && printf "GET /actuator/health/liveness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "registry"]
