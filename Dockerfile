# syntax=docker/dockerfile:1
# Multi-stage: the SDK builds and publishes the app and the migrator; the runtime image runs
# either of them as a non-root user. See README "Running the container".

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props ComplaintCloud.sln ./
COPY .config/dotnet-tools.json .config/
COPY src/ComplaintCloud.Api/ComplaintCloud.Api.csproj src/ComplaintCloud.Api/
COPY migrations/ComplaintCloud.Migrations/ComplaintCloud.Migrations.csproj migrations/ComplaintCloud.Migrations/
RUN dotnet restore src/ComplaintCloud.Api/ComplaintCloud.Api.csproj \
 && dotnet restore migrations/ComplaintCloud.Migrations/ComplaintCloud.Migrations.csproj
COPY src/ src/
COPY migrations/ migrations/
COPY openapi/ openapi/
RUN dotnet publish src/ComplaintCloud.Api/ComplaintCloud.Api.csproj -c Release -o /out/app --no-restore \
 && dotnet publish migrations/ComplaintCloud.Migrations/ComplaintCloud.Migrations.csproj -c Release -o /out/migrator --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /out/app ./
COPY --from=build /out/migrator ./migrator/
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The image's built-in non-root user.
USER app
# Orchestrators probe /health/live (process up) and /health/ready (database reachable).
# Default: the web host. Migrate first with: docker run ... complaintcloud dotnet migrator/ComplaintCloud.Migrations.dll migrate
ENTRYPOINT ["dotnet"]
CMD ["ComplaintCloud.Api.dll"]
