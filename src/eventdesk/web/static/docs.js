// Swagger UI for /openapi.json, from the npm package swagger-ui-dist served by this app.
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
