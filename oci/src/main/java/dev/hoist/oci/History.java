package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of an image's history: the step that made a layer, or an empty (metadata) step. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonPropertyOrder({"created", "created_by", "author", "comment", "empty_layer"})
public record History(
    @JsonProperty("created") String created,
    @JsonProperty("created_by") String createdBy,
    @JsonProperty("author") String author,
    @JsonProperty("comment") String comment,
    @JsonProperty("empty_layer") boolean emptyLayer) {

  public History {
    created = created == null ? "" : created;
    createdBy = createdBy == null ? "" : createdBy;
    author = author == null ? "" : author;
    comment = comment == null ? "" : comment;
  }
}
