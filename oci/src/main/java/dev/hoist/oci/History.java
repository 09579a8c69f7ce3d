package dev.hoist.oci;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;

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

  /** The history entry at the reader's current token, or null for JSON null. */
  static History read(JsonReader json) throws IOException {
    if (!json.startObject()) {
      return null;
    }
    String created = null;
    String createdBy = null;
    String author = null;
    String comment = null;
    boolean emptyLayer = false;
    for (String field = json.nextField(); field != null; field = json.nextField()) {
      switch (field) {
        case "created" -> created = json.string();
        case "created_by" -> createdBy = json.string();
        case "author" -> author = json.string();
        case "comment" -> comment = json.string();
        case "empty_layer" -> emptyLayer = json.booleanValue();
        default -> json.skip();
      }
    }
    return new History(created, createdBy, author, comment, emptyLayer);
  }
}
