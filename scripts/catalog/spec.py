"""The shape of one category's data table, shared by the table modules and the generator.

Tables are written compactly as strings split on ';' so that hundreds of models fit
on a page; `category()` turns them into plain lists once.
"""


def split(text):
    """'a; b;c' -> ['a', 'b', 'c'] (empty parts dropped)."""
    return [part.strip() for part in text.split(";") if part.strip()]


def category(
    name,
    brands,
    profiles,
    colors="",
    extras="",
    sizes="",
    template="{brand} {model} {profile}",
    size_attribute=None,
):
    """One category of products.

    name      what a shopper types for the kind of product, e.g. "headphones"
    brands    {brand: "Model A|0; Model B|1; Model C"}: models, flagship first; the
              optional |n pins the model to profiles[n] so that, e.g., a wired studio
              model is never called wireless
    profiles  [(phrase in the name, "attribute; attribute")]: the kinds of product
              within the category, e.g. ("Wireless Noise Cancelling Headphones",
              "wireless; noise cancelling; over-ear")
    colors    colours, one of which becomes an attribute
    extras    optional attributes, up to two are added per product; "a|b" is one
              attribute with exclusive values, of which one is picked
    sizes     variants that appear in the name ({size} in the template), e.g. "55-Inch"
    size_attribute  turns a size into an attribute, e.g. lambda s: s.lower()
    """
    models = {}
    for brand, text in brands.items():
        entries = []
        for entry in split(text):
            model, _, pinned = entry.partition("|")
            entries.append((model.strip(), int(pinned) if pinned else None))
        models[brand] = entries
    return {
        "name": name,
        "brands": models,
        "profiles": [(phrase, split(attributes)) for phrase, attributes in profiles],
        "colors": split(colors),
        "extras": split(extras),
        "sizes": split(sizes),
        "template": template,
        "size_attribute": size_attribute,
    }
