{#-
    great_circle_km(lon_a, lat_a, lon_b, lat_b): the haversine distance in km between two points given in
    degrees, on a sphere of the mean Earth radius 6,371.0088 km (IUGG); the numpy reference is
    opening_up.methods.spatial.great_circle_km.
-#}

{% macro great_circle_km(lon_a, lat_a, lon_b, lat_b) %}
    2 * 6371.0088 * asin(sqrt(least(1.0,
        power(sin(radians({{ lat_b }} - {{ lat_a }}) / 2), 2)
        + cos(radians({{ lat_a }})) * cos(radians({{ lat_b }}))
        * power(sin(radians({{ lon_b }} - {{ lon_a }}) / 2), 2)
    )))
{% endmacro %}
