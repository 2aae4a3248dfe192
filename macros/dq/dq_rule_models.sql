{#- The rule codes implemented as named CTEs (`rule_<code> as (`, the code in lower case) in the
    rule models whose path contains `folder`, e.g. 'data_quality/cin_census/'. The CTE name is the
    rule's one declaration, so the catalogue needs no second list. -#}
{% macro dq_model_rule_codes(folder) %}
    {%- set codes = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model' and folder in node.original_file_path -%}
            {%- for name in modules.re.findall('(?m)^rule_([a-z0-9]+) as \\(', node.raw_code) -%}
                {%- do codes.append(name | upper) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {%- do return(codes | unique | list) -%}
{% endmacro %}
