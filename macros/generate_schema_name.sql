{#- Schemas are named for the layer alone (staging, intermediate, marts, ...), not prefixed
    with the target schema, so that BI users find `marts.fct_kpi_values` on every target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
