// count_districts_all
MATCH (n:`District`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_districts_all_name_asc
MATCH (n:`District`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_districts_all_name_desc
MATCH (n:`District`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_districts_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`District` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_districts_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`District` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_districts_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`District` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_streets_all
MATCH (n:`Street`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_streets_all_name_asc
MATCH (n:`Street`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_streets_all_name_desc
MATCH (n:`Street`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_streets_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Street` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_streets_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Street` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_streets_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Street` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_communities_all
MATCH (n:`Community`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_communities_all_name_asc
MATCH (n:`Community`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_communities_all_name_desc
MATCH (n:`Community`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// list_communities_all_population_asc
MATCH (n:`Community`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.population, -1) > $after[0])
           OR (coalesce(n.population, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.population, -1), n.id] AS key
    ORDER BY coalesce(n.population, -1) ASC, n.id ASC
    LIMIT $limit

// list_communities_all_population_desc
MATCH (n:`Community`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.population, -1) < $after[0])
           OR (coalesce(n.population, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.population, -1), n.id] AS key
    ORDER BY coalesce(n.population, -1) DESC, n.id ASC
    LIMIT $limit

// count_communities_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Community` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_communities_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Community` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_communities_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Community` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// list_communities_within_population_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Community` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.population, -1) > $after[0])
           OR (coalesce(n.population, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.population, -1), n.id] AS key
    ORDER BY coalesce(n.population, -1) ASC, n.id ASC
    LIMIT $limit

// list_communities_within_population_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Community` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.population, -1) < $after[0])
           OR (coalesce(n.population, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.population, -1), n.id] AS key
    ORDER BY coalesce(n.population, -1) DESC, n.id ASC
    LIMIT $limit

// count_grids_all
MATCH (n:`Grid`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_grids_all_name_asc
MATCH (n:`Grid`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_grids_all_name_desc
MATCH (n:`Grid`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_grids_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Grid` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_grids_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Grid` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_grids_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Grid` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_compounds_all
MATCH (n:`Compound`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_compounds_all_name_asc
MATCH (n:`Compound`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_compounds_all_name_desc
MATCH (n:`Compound`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_compounds_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Compound` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_compounds_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Compound` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_compounds_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Compound` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_buildings_all
MATCH (n:`Building`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_buildings_all_name_asc
MATCH (n:`Building`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_buildings_all_name_desc
MATCH (n:`Building`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// list_buildings_all_households_asc
MATCH (n:`Building`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.households, -1) > $after[0])
           OR (coalesce(n.households, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.households, -1), n.id] AS key
    ORDER BY coalesce(n.households, -1) ASC, n.id ASC
    LIMIT $limit

// list_buildings_all_households_desc
MATCH (n:`Building`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.households, -1) < $after[0])
           OR (coalesce(n.households, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.households, -1), n.id] AS key
    ORDER BY coalesce(n.households, -1) DESC, n.id ASC
    LIMIT $limit

// count_buildings_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Building` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_buildings_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Building` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_buildings_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Building` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// list_buildings_within_households_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Building` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.households, -1) > $after[0])
           OR (coalesce(n.households, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.households, -1), n.id] AS key
    ORDER BY coalesce(n.households, -1) ASC, n.id ASC
    LIMIT $limit

// list_buildings_within_households_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    MATCH (a) WHERE a:`Building` WITH DISTINCT a AS n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(n.households, -1) < $after[0])
           OR (coalesce(n.households, -1) = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(n.households, -1), n.id] AS key
    ORDER BY coalesce(n.households, -1) DESC, n.id ASC
    LIMIT $limit

// count_people_all
MATCH (n:`Person`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_people_all_name_asc
MATCH (n:`Person`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_people_all_name_desc
MATCH (n:`Person`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_people_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:LIVES_IN]->(a) WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_people_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:LIVES_IN]->(a) WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_people_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:LIVES_IN]->(a) WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_people_within_batched
UNWIND $withins AS within
    CALL (within) {
    MATCH (w:Entity {id: within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:LIVES_IN]->(a) WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total
    }
    RETURN within, total

// list_people_within_name_asc_batched
UNWIND $withins AS within
    CALL (within) {
    MATCH (w:Entity {id: within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:LIVES_IN]->(a) WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND ($needs IS NULL OR any(s IN $needs WHERE s IN coalesce(n.needs, [])))
      AND ($ids IS NULL OR n.id IN $ids)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit
    }
    RETURN within, id, label, props, key

// count_members_within
MATCH (a:Entity {id: $within})
    MATCH (n)-[p:MEMBER_OF]->(a)
    WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns)
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_members_within_name_asc
MATCH (a:Entity {id: $within})
    MATCH (n)-[p:MEMBER_OF]->(a)
    WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns)
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_members_within_name_desc
MATCH (a:Entity {id: $within})
    MATCH (n)-[p:MEMBER_OF]->(a)
    WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns)
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_members_within_batched
UNWIND $withins AS within
    CALL (within) {
    MATCH (a:Entity {id: within})
    MATCH (n)-[p:MEMBER_OF]->(a)
    WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns)
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total
    }
    RETURN within, total

// list_members_within_name_asc_batched
UNWIND $withins AS within
    CALL (within) {
    MATCH (a:Entity {id: within})
    MATCH (n)-[p:MEMBER_OF]->(a)
    WHERE (n:`Person`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns)
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($partyMember IS NULL OR coalesce(n.partyMember, false) = $partyMember)
      AND ($skills IS NULL OR any(s IN $skills WHERE s IN coalesce(n.skills, [])))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit
    }
    RETURN within, id, label, props, key

// count_units_all
MATCH (n:`Unit`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($kinds IS NULL OR n.kind IN $kinds)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_units_all_name_asc
MATCH (n:`Unit`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($kinds IS NULL OR n.kind IN $kinds)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_units_all_name_desc
MATCH (n:`Unit`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($kinds IS NULL OR n.kind IN $kinds)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_units_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:PAIRED_WITH]->(a) WHERE (n:`Unit`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($kinds IS NULL OR n.kind IN $kinds)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_units_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:PAIRED_WITH]->(a) WHERE (n:`Unit`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($kinds IS NULL OR n.kind IN $kinds)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_units_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:PAIRED_WITH]->(a) WHERE (n:`Unit`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($kinds IS NULL OR n.kind IN $kinds)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_organisations_all
MATCH (n) WHERE n:`EnvironmentCommittee` OR n:`OwnersCommittee` OR n:`PartyBranch` OR n:`PartyCommittee` OR n:`PartyGroup` OR n:`PropertyCompany` OR n:`SocialOrganisation` OR n:`Unit` OR n:`VolunteerTeam`
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_organisations_all_name_asc
MATCH (n) WHERE n:`EnvironmentCommittee` OR n:`OwnersCommittee` OR n:`PartyBranch` OR n:`PartyCommittee` OR n:`PartyGroup` OR n:`PropertyCompany` OR n:`SocialOrganisation` OR n:`Unit` OR n:`VolunteerTeam`
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_organisations_all_name_desc
MATCH (n) WHERE n:`EnvironmentCommittee` OR n:`OwnersCommittee` OR n:`PartyBranch` OR n:`PartyCommittee` OR n:`PartyGroup` OR n:`PropertyCompany` OR n:`SocialOrganisation` OR n:`Unit` OR n:`VolunteerTeam`
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_organisations_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ACTIVE_IN|MANAGES|ORGANISES|OVERSEES|PAIRED_WITH|REPRESENTS|SERVES]->(a) WHERE (n:`EnvironmentCommittee` OR n:`OwnersCommittee` OR n:`PartyBranch` OR n:`PartyCommittee` OR n:`PartyGroup` OR n:`PropertyCompany` OR n:`SocialOrganisation` OR n:`Unit` OR n:`VolunteerTeam`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_organisations_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ACTIVE_IN|MANAGES|ORGANISES|OVERSEES|PAIRED_WITH|REPRESENTS|SERVES]->(a) WHERE (n:`EnvironmentCommittee` OR n:`OwnersCommittee` OR n:`PartyBranch` OR n:`PartyCommittee` OR n:`PartyGroup` OR n:`PropertyCompany` OR n:`SocialOrganisation` OR n:`Unit` OR n:`VolunteerTeam`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_organisations_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ACTIVE_IN|MANAGES|ORGANISES|OVERSEES|PAIRED_WITH|REPRESENTS|SERVES]->(a) WHERE (n:`EnvironmentCommittee` OR n:`OwnersCommittee` OR n:`PartyBranch` OR n:`PartyCommittee` OR n:`PartyGroup` OR n:`PropertyCompany` OR n:`SocialOrganisation` OR n:`Unit` OR n:`VolunteerTeam`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_courses_all
MATCH (n:`Course`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($topics IS NULL OR n.topic IN $topics)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_courses_all_name_asc
MATCH (n:`Course`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($topics IS NULL OR n.topic IN $topics)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_courses_all_name_desc
MATCH (n:`Course`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($topics IS NULL OR n.topic IN $topics)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_courses_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)<-[:OF_COURSE]-(:TrainingSession)-[p:ORDERED_BY]->(a) WHERE (n:`Course`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($topics IS NULL OR n.topic IN $topics)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_courses_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)<-[:OF_COURSE]-(:TrainingSession)-[p:ORDERED_BY]->(a) WHERE (n:`Course`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($topics IS NULL OR n.topic IN $topics)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_courses_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)<-[:OF_COURSE]-(:TrainingSession)-[p:ORDERED_BY]->(a) WHERE (n:`Course`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND ($topics IS NULL OR n.topic IN $topics)
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_trainingSessions_all
MATCH (n:`TrainingSession`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_trainingSessions_all_date_asc
MATCH (n:`TrainingSession`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(toString(n.date), '') > $after[0])
           OR (coalesce(toString(n.date), '') = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(toString(n.date), ''), n.id] AS key
    ORDER BY coalesce(toString(n.date), '') ASC, n.id ASC
    LIMIT $limit

// list_trainingSessions_all_date_desc
MATCH (n:`TrainingSession`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(toString(n.date), '') < $after[0])
           OR (coalesce(toString(n.date), '') = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(toString(n.date), ''), n.id] AS key
    ORDER BY coalesce(toString(n.date), '') DESC, n.id ASC
    LIMIT $limit

// list_trainingSessions_all_name_asc
MATCH (n:`TrainingSession`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_trainingSessions_all_name_desc
MATCH (n:`TrainingSession`)
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

// count_trainingSessions_within
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ORDERED_BY]->(a) WHERE (n:`TrainingSession`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
    RETURN count(n) AS total

// list_trainingSessions_within_date_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ORDERED_BY]->(a) WHERE (n:`TrainingSession`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(toString(n.date), '') > $after[0])
           OR (coalesce(toString(n.date), '') = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(toString(n.date), ''), n.id] AS key
    ORDER BY coalesce(toString(n.date), '') ASC, n.id ASC
    LIMIT $limit

// list_trainingSessions_within_date_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ORDERED_BY]->(a) WHERE (n:`TrainingSession`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (coalesce(toString(n.date), '') < $after[0])
           OR (coalesce(toString(n.date), '') = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [coalesce(toString(n.date), ''), n.id] AS key
    ORDER BY coalesce(toString(n.date), '') DESC, n.id ASC
    LIMIT $limit

// list_trainingSessions_within_name_asc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ORDERED_BY]->(a) WHERE (n:`TrainingSession`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name > $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name ASC, n.id ASC
    LIMIT $limit

// list_trainingSessions_within_name_desc
MATCH (w:Entity {id: $within}) MATCH (w) (()<-[h:IN|PART_OF WHERE (h.since IS NULL OR h.since <= $today) AND (h.until IS NULL OR h.until >= $today) AND (h._run IS NULL OR NOT h._run IN $hiddenRuns)]-()){0,5} (a)
    WITH DISTINCT a CALL (a) {
        MATCH (n)-[p:ORDERED_BY]->(a) WHERE (n:`TrainingSession`) AND (p.since IS NULL OR p.since <= $today) AND (p.until IS NULL OR p.until >= $today) AND (p._run IS NULL OR NOT p._run IN $hiddenRuns) RETURN n
    }
    WITH DISTINCT n
    WITH n WHERE ($nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains))
      AND (n._run IS NULL OR NOT n._run IN $hiddenRuns)
      AND ($after IS NULL OR (n.name < $after[0])
           OR (n.name = $after[0] AND n.id > $after[1]))
    RETURN n.id AS id, [l IN labels(n) WHERE NOT l IN ['Entity', 'InNeed']][0] AS label, properties(n) AS props, [n.name, n.id] AS key
    ORDER BY n.name DESC, n.id ASC
    LIMIT $limit

