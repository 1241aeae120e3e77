package io.complaintflow.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP API as OpenAPI ({@code /v3/api-docs}), generated from the controllers. What the generator cannot
 * know is added here: HTTP Basic as the way in, and the problem+json body every refusal carries.
 */
@Configuration
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    private static final String BASIC = "basic";

    @Bean
    OpenAPI complaintFlowApi() {
        return new OpenAPI()
                .info(new Info().title("ComplaintFlow API").version("1")
                        .description("投诉受理、查询、报表与管理接口。错误一律为 application/problem+json（RFC 7807），"
                                + "errors 列出每个字段；被拒绝的请求不保存任何内容。"))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Camunda 用户与密码（与任务列表、流程监控同一登录）")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** Every operation answers its refusals as problem+json; public pages need no login. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> addProblems(path, operation)));
        };
    }

    private static void addProblems(String path, Operation operation) {
        Content problem = new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        ApiResponses responses = operation.getResponses();
        responses.addApiResponse("400", new ApiResponse()
                .description("请求无效：errors 指出每个有问题的字段，未保存任何内容").content(problem));
        if (path.startsWith("/public/")) {
            operation.setSecurity(List.of());
            responses.addApiResponse("429", new ApiResponse()
                    .description("同一来源请求过多，Retry-After 告知何时再试").content(problem));
        } else {
            responses.addApiResponse("401", new ApiResponse().description("未登录或密码错误").content(problem));
            responses.addApiResponse("403", new ApiResponse().description("所属用户组无此权限").content(problem));
        }
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, as named in the request"))
                .addProperty("message", new StringSchema().description("why, in Chinese"));
        return new ObjectSchema().description("RFC 7807 problem detail")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().items(fieldError));
    }
}
