# One image per service of the reactor:  docker build --build-arg MODULE=order-service -t paygate/order-service .
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN mvn -B -q -pl "${MODULE}" -am -DskipTests package

FROM eclipse-temurin:21-jre
ARG MODULE
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
RUN mkdir -p /keys && chown 10001 /keys
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
